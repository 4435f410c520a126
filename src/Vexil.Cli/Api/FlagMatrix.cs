namespace Vexil.Cli.Api;

/// <summary><c>GET /api/v1/flags</c>: the flags × environments matrix.</summary>
internal sealed class FlagMatrix
{
    /// <summary>The environments the token reads, in the configured order.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>One row per flag.</summary>
    public IReadOnlyList<FlagRow> Flags { get; init; } = [];
}

/// <summary>One flag across environments (<c>GET /api/v1/flags/{name}</c> answers one of these).</summary>
internal sealed class FlagRow
{
    /// <summary>The flag.</summary>
    public string Name { get; init; } = "";

    /// <summary>Its definition, or null for a flag with stored state only.</summary>
    public FlagDefinitionInfo? Definition { get; init; }

    /// <summary>Its state per environment.</summary>
    public IReadOnlyList<FlagCell> Environments { get; init; } = [];

    /// <summary>What is wrong with its definition file; empty when it is fine.</summary>
    public IReadOnlyList<string>? DefinitionErrors { get; init; }
}

/// <summary>The parts of a definition the CLI shows.</summary>
internal sealed class FlagDefinitionInfo
{
    /// <summary>The flag's type, e.g. <c>beta</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The owning group.</summary>
    public string? Group { get; init; }

    /// <summary>The state wherever nobody set it.</summary>
    public bool DefaultEnabled { get; init; }

    /// <summary>The rollout issue.</summary>
    public string? RolloutIssueUrl { get; init; }
}

/// <summary>A flag in one environment.</summary>
internal sealed class FlagCell
{
    /// <summary>The environment.</summary>
    public string Environment { get; init; } = "";

    /// <summary><c>on</c>, <c>off</c> or <c>conditional</c>.</summary>
    public string State { get; init; } = "";

    /// <summary>True when the flag has a stored state there (false: its definition's default applies).</summary>
    public bool Persisted { get; init; }

    /// <summary>The stored gates, or null.</summary>
    public GateValues? Gates { get; init; }
}
