namespace Vexil.Server.FeatureGroups;

/// <summary>
/// One feature group from configuration: <c>Vexil:FeatureGroups:&lt;name&gt;:Actors</c>. Only actor lists exist
/// today; other rule kinds (e.g. an actor-id prefix, or an email domain) would be further members here.
/// </summary>
public sealed class FeatureGroupOptions
{
    /// <summary>Flipper ids of the members, e.g. <c>User:lulalala</c>.</summary>
    public List<string> Actors { get; set; } = [];
}
