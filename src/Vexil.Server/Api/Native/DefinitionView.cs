using Vexil.Core.State;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.Native;

/// <summary>
/// A definition as the native API shows it. <c>Path</c> is relative to the definitions folder it was found in.
/// <c>LastGood</c> is true when the file is now invalid and this is the last good definition, still in use;
/// <c>Errors</c> then says what is wrong with the file.
/// </summary>
public sealed record DefinitionView(
    string Name,
    string Type,
    string Group,
    string Milestone,
    bool DefaultEnabled,
    string IntroducedByUrl,
    string? FeatureIssueUrl,
    string? RolloutIssueUrl,
    bool? LogStateChanges,
    string Path,
    bool LastGood,
    IReadOnlyList<string> Errors)
{
    /// <summary>Converts a loaded definition, with the problems <paramref name="catalog"/> holds for its file.</summary>
    public static DefinitionView Of(FlagDefinition definition, DefinitionCatalog catalog) => new(
        definition.Name,
        definition.Type.Name,
        definition.Group,
        definition.Milestone,
        definition.DefaultEnabled,
        definition.IntroducedByUrl,
        definition.FeatureIssueUrl,
        definition.RolloutIssueUrl,
        definition.LogStateChanges,
        definition.RelativePath,
        catalog.IsLastGood(definition.Name),
        [.. catalog.ProblemsOf(definition.Name).Select(problem => problem.Message)]);
}
