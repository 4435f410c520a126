namespace Vexil.Server.Incidents.Api;

/// <summary>The body of <c>POST /api/v1/change-locks</c>.</summary>
/// <param name="Reason">Why the environments are locked.</param>
/// <param name="StartsAt">Start, ISO 8601 with an offset, e.g. <c>2025-03-01T09:00:00Z</c>.</param>
/// <param name="EndsAt">End (exclusive), ISO 8601 with an offset.</param>
/// <param name="Environments">Protected environments to lock (names or aliases); all protected ones when left out.</param>
/// <param name="By">Who creates it; the token's name when left out.</param>
public sealed record NewChangeLockBody(string? Reason, string? StartsAt, string? EndsAt, IReadOnlyList<string>? Environments, string? By);
