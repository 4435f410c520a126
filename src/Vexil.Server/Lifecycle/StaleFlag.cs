namespace Vexil.Server.Lifecycle;

/// <summary>A flag past its lifetime with at least one rule saying it is done.</summary>
/// <param name="Name">The flag.</param>
/// <param name="Type">Its definition's type, or null without a definition.</param>
/// <param name="Group">The owning group, or null without a definition.</param>
/// <param name="Milestone">The definition's milestone, or null.</param>
/// <param name="LifetimeEndedAt">When the type's lifetime after the milestone ended, or null without a definition.</param>
/// <param name="RolloutIssueUrl">The definition's rollout issue, or null.</param>
/// <param name="Reasons">The rules it meets, in the order of <see cref="StaleRules"/>.</param>
public sealed record StaleFlag(
    string Name,
    string? Type,
    string? Group,
    string? Milestone,
    DateTimeOffset? LifetimeEndedAt,
    string? RolloutIssueUrl,
    IReadOnlyList<StaleReason> Reasons)
{
    /// <summary>True when the flag has no definition any more.</summary>
    public bool Undefined => Type is null;
}
