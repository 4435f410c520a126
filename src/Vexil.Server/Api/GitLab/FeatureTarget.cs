namespace Vexil.Server.Api.GitLab;

/// <summary>One target of a change: an actor (a flipper id such as <c>User:alice</c>) or a feature group.</summary>
/// <param name="Id">The flipper id, or the feature group's name.</param>
/// <param name="IsFeatureGroup">True for a feature group.</param>
internal readonly record struct FeatureTarget(string Id, bool IsFeatureGroup)
{
    /// <summary>How refusals name the target: the flipper id, or "feature group x".</summary>
    public override string ToString() => IsFeatureGroup ? $"feature group {Id}" : Id;
}
