namespace Vexil.Server.Incidents.Api;

/// <summary>The optional body of <c>POST /api/v1/incidents/{id}/close</c>.</summary>
/// <param name="By">Who closes it; the token's name when left out.</param>
public sealed record CloseIncidentBody(string? By);
