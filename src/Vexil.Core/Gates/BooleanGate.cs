using Vexil.Core.Evaluation;

namespace Vexil.Core.Gates;

/// <summary>On for everyone.</summary>
public sealed class BooleanGate : Gate
{
    /// <summary>The one instance: the gate has no data.</summary>
    public static readonly BooleanGate Instance = new();

    private BooleanGate()
        : base(EvaluationReason.Static)
    {
    }

    /// <inheritdoc />
    public override bool IsOpen(ReadOnlySpan<string> actors) => true;
}
