using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Lifecycle;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature cleanup NAME [--force]</c>: the last step of a rollout issue ("clean up the feature flag from all
/// environments") in one command. It deletes the flag's stored state in every environment, in configured order, through
/// the same runner as <c>feature delete</c>, so every door policy and guard rail applies. Before that it refuses when
/// code still reads the flag (from the last scan of the repository, when one is known), or when the flag is on in a
/// protected environment while its definition does not say <c>default_enabled: true</c>: deleting the state would turn
/// it off for everyone. <c>--force</c> skips these two checks and is recorded in each audit event.
/// </summary>
public sealed class CleanupCommandHandler(
    ChangeRunner runner,
    DefinitionRegistry definitions,
    EnvironmentCatalog environments,
    SnapshotCache snapshots,
    FlagReferenceCounts references)
{
    /// <summary>Handles the command.</summary>
    public async Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CommandProgress? progress, CancellationToken cancellationToken)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Named, command) is { } refusal)
        {
            return CommandResult.Usage(refusal);
        }

        var name = command.Name!;
        var notes = new List<string>();
        if (!command.Force && Refusal(name) is { } refused)
        {
            return CommandResult.Refused(refused);
        }

        var result = await runner.RunAsync(request, command, EnvironmentPlan.For(command, []), progress, cancellationToken);
        if (!result.Ok)
        {
            return result;
        }

        var deleted = result.Environments.Where(environment => environment.Status == EnvironmentStatus.Changed).Select(environment => environment.Environment).ToArray();
        var headline = deleted.Length == 0
            ? $"Feature flag {name} had no stored state in any environment; nothing was deleted."
            : $"Feature flag {name} has been cleaned up: its state was deleted from {string.Join(", ", deleted)}, in that order. Now remove its definition and the code that reads it.";
        if (!references.IsKnown)
        {
            notes.Add("Code references are not known (no scan of the repository yet): run `vexil scan` on the default branch to check that no code still reads the flag.");
        }

        return CommandResult.Success(headline, result.Environments, [.. result.Notes, .. notes]);
    }

    private string? Refusal(string name)
    {
        if (references.Count(name) is > 0 and var count)
        {
            return $"Code still reads {name} in {count} place{(count == 1 ? string.Empty : "s")} (scan of {references.Revision} at {references.ScannedAt:yyyy-MM-dd HH:mm} UTC). Remove that code first (`vexil scan --flag {name}` lists it), or use --force.";
        }

        var defaultEnabled = definitions.Current.TryGet(name, out var definition) && definition.DefaultEnabled;
        // On for anyone (fully or conditionally) in a protected environment: deleting the state turns those actors off.
        var onIn = environments.All
            .Where(environment => environment.IsProtected && snapshots.Get(environment.Name).GetState(name) is { IsEnabledAnywhere: true })
            .Select(environment => environment.Name)
            .ToArray();
        if (onIn.Length > 0 && !defaultEnabled)
        {
            var why = definition is null ? "it has no definition" : "its definition does not say `default_enabled: true`";
            return $"Feature flag {name} is on in {string.Join(", ", onIn)} but {why}: deleting its state would turn it off for everyone. Ship `default_enabled: true` first, or use --force.";
        }

        return null;
    }
}
