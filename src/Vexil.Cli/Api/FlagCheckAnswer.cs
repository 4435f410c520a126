namespace Vexil.Cli.Api;

/// <summary><c>GET /api/v1/flags/{name}/check</c>: whether actors see a flag, per environment.</summary>
internal sealed class FlagCheckAnswer
{
    /// <summary>The flag.</summary>
    public string Name { get; init; } = "";

    /// <summary>The actors checked.</summary>
    public IReadOnlyList<string> Actors { get; init; } = [];

    /// <summary>One answer per environment.</summary>
    public IReadOnlyList<FlagCheckResult> Environments { get; init; } = [];

    /// <summary>What is wrong with the flag's definition file; empty when it is fine.</summary>
    public IReadOnlyList<string>? DefinitionErrors { get; init; }
}

/// <summary>One environment's answer.</summary>
internal sealed class FlagCheckResult
{
    /// <summary>The environment.</summary>
    public string Environment { get; init; } = "";

    /// <summary>Whether the actors see the flag.</summary>
    public bool Enabled { get; init; }

    /// <summary>The engine's reason.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The gate that decided, or null.</summary>
    public string? Gate { get; init; }

    /// <summary>One sentence saying why.</summary>
    public string Explanation { get; init; } = "";
}
