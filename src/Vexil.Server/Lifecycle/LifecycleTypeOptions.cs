namespace Vexil.Server.Lifecycle;

/// <summary>One definition type's entry under <c>Vexil:Lifecycle:Types</c>.</summary>
public sealed class LifecycleTypeOptions
{
    /// <summary>How long a flag of the type is expected to live after its milestone's release (e.g. <c>61.00:00:00</c>); null: never stale.</summary>
    public TimeSpan? Lifetime { get; set; }
}
