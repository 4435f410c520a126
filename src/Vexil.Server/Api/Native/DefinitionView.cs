using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>A definition as the native API shows it.</summary>
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
    string SourcePath)
{
    /// <summary>Converts a loaded definition.</summary>
    public static DefinitionView Of(FlagDefinition definition) => new(
        definition.Name,
        definition.Type.Name,
        definition.Group,
        definition.Milestone,
        definition.DefaultEnabled,
        definition.IntroducedByUrl,
        definition.FeatureIssueUrl,
        definition.RolloutIssueUrl,
        definition.LogStateChanges,
        definition.SourcePath);
}
