namespace Vexil.Server.Lifecycle;

/// <summary>A flag's evaluations across environments.</summary>
/// <param name="LastEvaluated">The latest evaluation in any environment, or null when never.</param>
/// <param name="Total">Evaluations recorded in all (true and false answers).</param>
/// <param name="Environments">The environments that reported the flag.</param>
public sealed record FlagActivity(DateTimeOffset? LastEvaluated, long Total, IReadOnlyList<string> Environments)
{
    /// <summary>A flag no SDK ever reported.</summary>
    public static FlagActivity Never { get; } = new(null, 0, []);
}
