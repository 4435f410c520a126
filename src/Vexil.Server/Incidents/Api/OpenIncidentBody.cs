namespace Vexil.Server.Incidents.Api;

/// <summary>The body of <c>POST /api/v1/incidents</c>.</summary>
/// <param name="Title">What is wrong.</param>
/// <param name="Severity">1 (critical) to 4 (low); 1 and 2 block production changes.</param>
/// <param name="By">Who opens it; the token's name when left out.</param>
public sealed record OpenIncidentBody(string? Title, int? Severity, string? By);
