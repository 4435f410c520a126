namespace Vexil.Server.Lifecycle;

/// <summary>The answer of <c>GET /api/v1/flags/stale</c>.</summary>
/// <param name="AsOf">When the server judged.</param>
/// <param name="StaleAfterDays">The N of the rules.</param>
/// <param name="EvaluationsRecorded">False when no evaluation counts are recorded, so the "not evaluated" rule was not applied.</param>
/// <param name="Flags">The stale flags, by name.</param>
public sealed record StaleFlagsView(DateTimeOffset AsOf, int StaleAfterDays, bool EvaluationsRecorded, IReadOnlyList<StaleFlag> Flags);
