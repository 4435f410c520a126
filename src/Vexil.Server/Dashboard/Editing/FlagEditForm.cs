namespace Vexil.Server.Dashboard.Editing;

/// <summary>What one edit form on the flag page posts.</summary>
public sealed class FlagEditForm
{
    /// <summary>The environment (canonical name).</summary>
    public string? Environment { get; set; }

    /// <summary>One of <see cref="FlagEditCommand.Actions"/>.</summary>
    public string? Action { get; set; }

    /// <summary>The percentage of actors, for <c>percentage</c>.</summary>
    public string? Percentage { get; set; }

    /// <summary>The actor's kind (<c>user</c>, <c>project</c>, <c>group</c>, <c>namespace</c>, <c>repository</c>) for actor and opt-out edits.</summary>
    public string? ActorKind { get; set; }

    /// <summary>The actor's id within its kind (e.g. <c>lulalala</c>), or the feature group's name.</summary>
    public string? Target { get; set; }

    /// <summary>
    /// A remove button's value: <c>actor:&lt;stored entry&gt;</c> (e.g. <c>actor:User:lulalala:opt_out</c>) or
    /// <c>group:&lt;name&gt;</c>; it sets <see cref="Action"/>, <see cref="ActorKind"/> and <see cref="Target"/>.
    /// </summary>
    public string? Remove { get; set; }

    /// <summary>For a protected environment: the flag's name, typed to confirm.</summary>
    public string? Confirm { get; set; }

    /// <summary>Adds <c>--ignore-production-check</c>.</summary>
    public bool IgnoreProductionCheck { get; set; }

    /// <summary>Adds <c>--ignore-feature-flag-consistency-check</c>.</summary>
    public bool IgnoreConsistencyCheck { get; set; }
}
