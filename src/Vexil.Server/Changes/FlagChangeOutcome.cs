using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// What became of a <see cref="FlagChange"/>: invalid (bad input, nothing recorded), refused by a guard rail (nothing
/// written, an attempt recorded), or written environment by environment.
/// </summary>
public sealed record FlagChangeOutcome
{
    /// <summary>The input problem (bad name, unknown environment, bad actor id ...), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>The guard rail that refused (<see cref="Guards.GuardNames"/>), or null.</summary>
    public string? Guard { get; init; }

    /// <summary>The guard rail's refusals by environment name; empty unless <see cref="Guard"/> is set.</summary>
    public IReadOnlyDictionary<string, string> Refusals { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// One result per environment written, in order. The writing stops at the first environment the store refuses
    /// (a concurrent change made a rule bite), so there may be fewer results than requests.
    /// </summary>
    public IReadOnlyList<ChangeResult> Results { get; init; } = [];

    /// <summary>Notices for the answer that did not stop the change, e.g. why the deployment check was skipped.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when the input was bad.</summary>
    public bool Invalid => Problem is not null;

    /// <summary>True when a guard rail refused.</summary>
    public bool Refused => Guard is not null;

    /// <summary>The refusal sentence(s): GitLab joins the errors of several environments with new lines, saying one sentence once.</summary>
    public string? RefusalText => Refused ? string.Join('\n', Refusals.Values.Distinct(StringComparer.Ordinal)) : null;
}
