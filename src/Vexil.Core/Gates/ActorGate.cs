using Vexil.Core.Collections;
using Vexil.Core.Evaluation;

namespace Vexil.Core.Gates;

/// <summary>Open when any of the actors is in the flag's actor list.</summary>
public sealed class ActorGate : Gate
{
    private readonly StringSet actorIds;

    /// <summary>Creates the gate over the stored actor ids.</summary>
    public ActorGate(IEnumerable<string> actorIds)
        : base(EvaluationReason.TargetingMatch) => this.actorIds = StringSet.Create(actorIds);

    /// <inheritdoc />
    public override bool IsOpen(ReadOnlySpan<string> actors) => actorIds.ContainsAny(actors);
}
