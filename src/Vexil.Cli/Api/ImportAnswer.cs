namespace Vexil.Cli.Api;

/// <summary><c>POST /api/v1/import</c>: what the import did, or would do, per flag.</summary>
internal sealed class ImportAnswer
{
    /// <summary>The environment written (or that would be).</summary>
    public string Environment { get; init; } = "";

    /// <summary>The file, as recorded in audit events.</summary>
    public string Source { get; init; } = "";

    /// <summary>False for a dry run.</summary>
    public bool Applied { get; init; }

    /// <summary>One entry per flag in the file.</summary>
    public IReadOnlyList<ImportFlagAnswer> Flags { get; init; } = [];
}

/// <summary>One flag of an import.</summary>
internal sealed class ImportFlagAnswer
{
    /// <summary>The flag.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>create</c>, <c>update</c> or <c>unchanged</c>.</summary>
    public string Action { get; init; } = "";

    /// <summary>False when the flag has no definition.</summary>
    public bool Defined { get; init; }

    /// <summary>The stored state before, or null.</summary>
    public GateValues? Before { get; init; }

    /// <summary>The state the file gives it.</summary>
    public GateValues? After { get; init; }

    /// <summary><c>planned</c>, <c>applied</c>, <c>refused</c> or <c>skipped</c>.</summary>
    public string Outcome { get; init; } = "";

    /// <summary>The refusal or a note.</summary>
    public string? Message { get; init; }
}
