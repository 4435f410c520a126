using System.Diagnostics.CodeAnalysis;

namespace Vexil.Definitions;

/// <summary>
/// One of GitLab's feature flag types: the folder a definition lives in (<c>&lt;type&gt;/&lt;name&gt;.yml</c>), whether the
/// flag may be on by default, and how long such a flag is expected to live. The set is closed: the static members
/// below are the whole catalogue, so code can compare by reference or by <see cref="Name"/>.
/// </summary>
public sealed class DefinitionType
{
    private DefinitionType(string name, bool allowsDefaultEnabled, int? lifetimeMonths)
    {
        Name = name;
        AllowsDefaultEnabled = allowsDefaultEnabled;
        LifetimeMonths = lifetimeMonths;
    }

    /// <summary>Short-lived flag that de-risks a change on GitLab.com; must start off; expected gone in 2 months.</summary>
    public static DefinitionType GitLabComDerisk { get; } = new("gitlab_com_derisk", allowsDefaultEnabled: false, lifetimeMonths: 2);

    /// <summary>Work in progress, hidden until ready; must start off; expected gone in 4 months.</summary>
    public static DefinitionType Wip { get; } = new("wip", allowsDefaultEnabled: false, lifetimeMonths: 4);

    /// <summary>A feature being rolled out that may already be on by default; expected gone in 6 months.</summary>
    public static DefinitionType Beta { get; } = new("beta", allowsDefaultEnabled: true, lifetimeMonths: 6);

    /// <summary>An operational switch kept on purpose (kill switch, tuning); may be on by default; never stale.</summary>
    public static DefinitionType Ops { get; } = new("ops", allowsDefaultEnabled: true, lifetimeMonths: null);

    /// <summary>An A/B experiment; must start off; expected gone in 6 months.</summary>
    public static DefinitionType Experiment { get; } = new("experiment", allowsDefaultEnabled: false, lifetimeMonths: 6);

    /// <summary>Controls background workers; must start off; has no expected lifetime.</summary>
    public static DefinitionType Worker { get; } = new("worker", allowsDefaultEnabled: false, lifetimeMonths: null);

    /// <summary>A flag whose purpose was never classified; must start off; has no expected lifetime.</summary>
    public static DefinitionType Undefined { get; } = new("undefined", allowsDefaultEnabled: false, lifetimeMonths: null);

    /// <summary>Every type, in the order GitLab documents them (also the order error messages list them in).</summary>
    public static IReadOnlyList<DefinitionType> All { get; } = [GitLabComDerisk, Wip, Beta, Ops, Experiment, Worker, Undefined];

    /// <summary>The type's name as written in YAML and used as the folder name, e.g. <c>gitlab_com_derisk</c>.</summary>
    public string Name { get; }

    /// <summary>Whether a definition of this type may say <c>default_enabled: true</c>.</summary>
    public bool AllowsDefaultEnabled { get; }

    /// <summary>
    /// Months a flag of this type is expected to live after its milestone, or null when it never goes stale
    /// (<c>ops</c> flags are long-lived by design; <c>worker</c> and <c>undefined</c> have no expected lifetime).
    /// Stale-flag reports add this to the definition's milestone.
    /// </summary>
    public int? LifetimeMonths { get; }

    /// <summary>Finds a type by its exact (case-sensitive) name, as GitLab does.</summary>
    public static bool TryGet(string? name, [NotNullWhen(true)] out DefinitionType? type)
    {
        type = All.FirstOrDefault(candidate => string.Equals(candidate.Name, name, StringComparison.Ordinal));
        return type is not null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
