namespace Vexil.Cli.Api;

/// <summary>A flag's gate values in an audit event (before or after the change).</summary>
internal sealed class GateValues
{
    /// <summary>The boolean gate: on for everyone.</summary>
    public bool Boolean { get; init; }

    /// <summary>Actors the flag is on for.</summary>
    public IReadOnlyList<string>? Actors { get; init; }

    /// <summary>Feature groups the flag is on for.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Percentage of actors, 0 to 100.</summary>
    public double PercentageOfActors { get; init; }

    /// <summary>Percentage of time, 0 to 100.</summary>
    public double PercentageOfTime { get; init; }
}
