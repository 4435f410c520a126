using System.Text.Json.Serialization;
using Vexil.Server.Changes;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.Native;

// The small view records of the native API (/api/v1), side by side so a reader sees the shapes the API answers with.
// The views that convert from stored types (AuditEventView, DefinitionView) keep their own files.

/// <summary>The flags × environments matrix.</summary>
public sealed record FlagMatrixView(IReadOnlyList<string> Environments, IReadOnlyList<FlagRowView> Flags);

/// <summary>One row of the flags × environments matrix.</summary>
/// <param name="Name">The flag.</param>
/// <param name="Definition">Its definition (the last good one while its file is invalid), or null.</param>
/// <param name="Environments">Its state in each environment the token reads.</param>
/// <param name="DefinitionErrors">What is wrong with the flag's definition file; empty when it is fine.</param>
public sealed record FlagRowView(string Name, DefinitionView? Definition, IReadOnlyList<FlagEnvironmentView> Environments, IReadOnlyList<string> DefinitionErrors);

/// <summary>A flag's state in one environment: <c>on</c>, <c>off</c> or <c>conditional</c>, and whether it is stored there.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="State"><c>on</c>, <c>off</c> or <c>conditional</c>.</param>
/// <param name="Persisted">Whether the flag has a stored state there.</param>
/// <param name="Gates">Its gate values.</param>
/// <param name="LastChange">
/// The flag's last change there and the deployment it came after; only in the answer for one flag
/// (<c>GET /api/v1/flags/{name}</c>), and only when the flag was ever changed there.
/// </param>
public sealed record FlagEnvironmentView(
    string Environment,
    string State,
    bool Persisted,
    GateValues? Gates,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LastChangeView? LastChange = null);

/// <summary>A flag's last change in one environment.</summary>
/// <param name="At">When it was made, UTC.</param>
/// <param name="By">Who made it.</param>
/// <param name="Via">Through what channel (chat, api, cli ...).</param>
/// <param name="Action">What it did (<c>enable</c>, <c>set</c> ...).</param>
/// <param name="AfterDeployment">The environment's last successful deployment before the change, or null when none is recorded.</param>
public sealed record LastChangeView(DateTimeOffset At, string By, string Via, string? Action, AfterDeploymentView? AfterDeployment);

/// <summary>The deployment a change came after: "this change was made 3 minutes after deployment X".</summary>
/// <param name="Id">The deployment's id.</param>
/// <param name="Sha">The commit deployed.</param>
/// <param name="Ref">The branch or tag deployed.</param>
/// <param name="FinishedAt">When the deployment finished.</param>
/// <param name="MinutesBefore">Whole minutes between the deployment finishing and the change.</param>
public sealed record AfterDeploymentView(long Id, string Sha, string Ref, DateTimeOffset FinishedAt, long MinutesBefore);

/// <summary>An environment as the native API shows it.</summary>
public sealed record EnvironmentView(string Name, IReadOnlyList<string> Aliases, bool Protected, bool IsDefault, long Sequence, int PersistedFlags);

/// <summary>Definitions and the files that failed to load.</summary>
public sealed record DefinitionsView(IReadOnlyList<DefinitionView> Definitions, IReadOnlyList<DefinitionError> Errors);

/// <summary>A page of the audit trail, newest first (changes and, as asked, the other entries; see <see cref="AuditEventView.Kind"/>).</summary>
public sealed record AuditPageView(int Page, int PageSize, long Total, IReadOnlyList<AuditEventView> Events);

/// <summary>
/// The answer of <c>GET /api/v1/flags/{name}/check</c>: whether the actors see the flag in each environment asked
/// about, and which gate decided.
/// </summary>
/// <param name="Name">The flag.</param>
/// <param name="Actors">The actors checked, as flipper ids (<c>User:42</c>); empty for a check with no actor.</param>
/// <param name="Environments">One answer per environment, in the configured order.</param>
/// <param name="DefinitionErrors">What is wrong with the flag's definition file; empty when it is fine.</param>
public sealed record FlagCheckView(string Name, IReadOnlyList<string> Actors, IReadOnlyList<FlagCheckEnvironmentView> Environments, IReadOnlyList<string> DefinitionErrors);

/// <summary>One environment's answer to a check.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Enabled">Whether the flag is on for the actors.</param>
/// <param name="Reason">The engine's reason (as OFREP reports it): <c>Static</c>, <c>TargetingMatch</c>, <c>Split</c>, <c>NoMatch</c>, <c>Disabled</c>, <c>OptedOut</c>, <c>Default</c>, <c>Unknown</c>.</param>
/// <param name="Gate">
/// What decided, in Flipper's and GitLab's words: <c>boolean</c>, <c>actors</c>, <c>groups</c>,
/// <c>percentage_of_actors</c>, <c>percentage_of_time</c>, <c>opt_out</c>, <c>default_enabled</c>, or null when no gate
/// opened.
/// </param>
/// <param name="Explanation">One sentence a person reads, e.g. "User:42 is in the 50% of actors".</param>
public sealed record FlagCheckEnvironmentView(string Environment, bool Enabled, string Reason, string? Gate, string Explanation);
