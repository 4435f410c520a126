namespace Vexil.Server.Changes.HealthSources;

/// <summary>The change a production check is asked about; external checks receive it as JSON.</summary>
/// <param name="Flag">The flag's name.</param>
/// <param name="Value">The new value as typed, or <c>deleted</c>.</param>
/// <param name="Environments">The protected environments the command changes (canonical names).</param>
/// <param name="User">Who asked.</param>
/// <param name="Source">Through what: chat, cli, dashboard, api.</param>
public sealed record ProductionCheckRequest(string Flag, string Value, IReadOnlyList<string> Environments, string User, string Source);
