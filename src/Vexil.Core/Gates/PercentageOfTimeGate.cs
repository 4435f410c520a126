using Vexil.Core.Evaluation;

namespace Vexil.Core.Gates;

/// <summary>Open on a uniform random draw per evaluation: Flipper's <c>rand &lt; percentage / 100.0</c>.</summary>
public sealed class PercentageOfTimeGate : Gate
{
    private readonly double fraction;

    /// <summary>Creates the gate at a percentage.</summary>
    public PercentageOfTimeGate(Percentage percentage)
        : base(EvaluationReason.Split) => fraction = percentage.Value / 100.0;

    /// <inheritdoc />
    public override bool IsOpen(ReadOnlySpan<string> actors) => Random.Shared.NextDouble() < fraction;
}
