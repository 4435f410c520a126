namespace Vexil.Cli.Api;

/// <summary>The body of <c>POST /api/v1/change-locks</c>.</summary>
/// <param name="Reason">Why the environments are locked.</param>
/// <param name="StartsAt">Start of the window.</param>
/// <param name="EndsAt">End of the window.</param>
/// <param name="Environments">Protected environments to lock; empty for all.</param>
internal sealed record NewChangeLock(string Reason, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<string> Environments);
