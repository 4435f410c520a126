using Vexil.Core.Evaluation;

namespace Vexil.Core.Gates;

/// <summary>
/// One way a flag can open, compiled from a flag's stored values for fast checks. A flag is open when any of its
/// enabled gates is open; gates that are off are not compiled at all, so they cost nothing.
/// </summary>
public abstract class Gate
{
    /// <summary>Creates a gate that reports <paramref name="reason"/> when it opens.</summary>
    protected Gate(EvaluationReason reason) => Reason = reason;

    /// <summary>The reason reported when this gate decides.</summary>
    /// <remarks>A field, not a virtual property: it is read on every open evaluation.</remarks>
    public EvaluationReason Reason { get; }

    /// <summary>True when the gate opens for these actors (which may be none). Must not allocate.</summary>
    public abstract bool IsOpen(ReadOnlySpan<string> actors);
}
