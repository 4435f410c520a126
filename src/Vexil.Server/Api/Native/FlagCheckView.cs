namespace Vexil.Server.Api.Native;

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
