using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Definitions;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Transfer;

/// <summary>
/// Imports flag states from a GitLab or Flipper file into one environment. The file is read and every gate checked
/// before anything is written; a dry run stops there and shows each flag's change. Applying writes one change per
/// flag that differs, through <see cref="FlagChangeService"/> with every guard rail, audited as an import with its
/// source file. The state is rebuilt from nothing (disable, then each gate), so the flag ends exactly as the file says.
/// </summary>
public sealed class FlagImporter(FlagChangeService changes, SnapshotCache snapshots, DefinitionRegistry definitions, EnvironmentCatalog environments)
{
    /// <summary>Plans or applies <paramref name="flags"/> on <paramref name="environment"/>; returns null and the result, or a problem and nothing written.</summary>
    public async Task<(ImportResult? Result, string? Problem)> ImportAsync(
        IReadOnlyList<ImportedFlag> flags,
        VexilEnvironment environment,
        string source,
        bool apply,
        ChangeOrigin origin,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(origin);
        if (flags.GroupBy(flag => flag.Name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } doubled)
        {
            return (null, $"The file gives {doubled.Key} more than once; keep one entry per flag.");
        }

        var snapshot = snapshots.Get(environment.Name);
        var catalog = definitions.Current;
        var planned = new List<(ImportedFlag Flag, FlagState? Before, GateOperation[] Operations, string? Note)>();
        foreach (var flag in flags.OrderBy(flag => flag.Name, StringComparer.Ordinal))
        {
            var (operations, note) = Operations(flag.State);
            foreach (var operation in operations)
            {
                if (operation.Validate(snapshots.Groups) is { } problem)
                {
                    return (null, $"{flag.Name}: {problem} Nothing was imported.");
                }
            }

            planned.Add((flag, snapshot.GetState(flag.Name), operations, note));
        }

        var entries = new List<ImportPlanEntry>();
        foreach (var (flag, before, operations, note) in planned)
        {
            var defined = catalog.Contains(flag.Name);
            var after = Target(flag.State);
            var action = before is null ? "create" : before.Equals(after) ? "unchanged" : "update";
            if (!apply || action == "unchanged")
            {
                entries.Add(new ImportPlanEntry(flag.Name, action, defined, GateValues.Of(before), GateValues.Of(after), action == "unchanged" ? "skipped" : "planned", note));
                continue;
            }

            var request = new ChangeRequest(environment.Name, flag.Name, operations, false, origin with
            {
                Title = $"Feature flag '{flag.Name}' has been imported from {source} on {environment.Name}",
                Details = new Dictionary<string, string>(origin.Details, StringComparer.Ordinal) { ["import_source"] = source },
            });
            var outcome = await changes.ApplyAsync(new FlagChange([request], "imported") { Overrides = new ChangeOverrides(false, false, !defined) }, cancellationToken);
            var refusal = outcome.Problem ?? outcome.RefusalText ?? outcome.Results.FirstOrDefault(result => !result.Accepted)?.Refusal;
            entries.Add(refusal is null
                ? new ImportPlanEntry(flag.Name, action, defined, GateValues.Of(before), GateValues.Of(after), "applied", note)
                : new ImportPlanEntry(flag.Name, action, defined, GateValues.Of(before), GateValues.Of(after), "refused", refusal));
        }

        return (new ImportResult(environment.Name, source, apply, entries), null);
    }

    /// <summary>The environment for a name or alias, the default one when none is named, or null for an unknown name.</summary>
    public VexilEnvironment? Resolve(string? environment) =>
        string.IsNullOrWhiteSpace(environment) ? environments.Default : environments.Resolve(environment.Trim());

    // Fully on decides for everyone, so the other gates cannot change an answer; GitLab refuses a percentage on a fully
    // enabled flag, so they are dropped (and said) rather than written.
    private static FlagState Target(FlagState state) =>
        state.Boolean ? state with { PercentageOfActors = default, PercentageOfTime = default } : state;

    private static (GateOperation[] Operations, string? Note) Operations(FlagState state)
    {
        var operations = new List<GateOperation> { GateOperation.DisableBoolean() };
        string? note = null;
        if (state.Boolean)
        {
            operations.Add(GateOperation.EnableBoolean());
            if (state.PercentageOfActors.IsEnabled || state.PercentageOfTime.IsEnabled)
            {
                note = "The flag is fully on, so its percentage gates were left out: they change no answer.";
            }
        }

        operations.AddRange(state.Actors.Select(GateOperation.EnableActor));
        operations.AddRange(state.Groups.Select(GateOperation.EnableGroup));
        if (!state.Boolean)
        {
            if (state.PercentageOfActors.IsEnabled)
            {
                operations.Add(GateOperation.SetPercentageOfActors(state.PercentageOfActors));
            }

            if (state.PercentageOfTime.IsEnabled)
            {
                operations.Add(GateOperation.SetPercentageOfTime(state.PercentageOfTime));
            }
        }

        return (operations.ToArray(), note);
    }
}
