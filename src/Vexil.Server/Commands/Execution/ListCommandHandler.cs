using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Lifecycle;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature list [--match TEXT] [--stale]</c>: the flags stored in each environment, enabled (on or conditional) and disabled,
/// by name, with GitLab's footers "N enabled features on ENV". Like GitLab it lists stored flags only; a flag that
/// merely has a definition shows up with <c>feature get</c>.
/// </summary>
public sealed class ListCommandHandler(SnapshotCache snapshots, StaleFlagFinder staleFlags)
{
    /// <summary>Handles the command; with <c>--stale</c>, only the stale flags, each with its evidence in a note.</summary>
    public async Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CancellationToken cancellationToken)
    {
        IReadOnlyList<StaleFlag>? stale = command.Stale ? await staleFlags.FindAsync(cancellationToken) : null;
        var staleNames = stale?.Select(flag => flag.Name).ToHashSet(StringComparer.Ordinal);
        var results = new List<EnvironmentResult>();
        foreach (var environment in command.Environments)
        {
            if (TokenAccess.ReadRefusal(request, environment) is { } denied)
            {
                results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.Refused) { Message = denied });
                continue;
            }

            var stored = snapshots.Get(environment.Name).Flags
                .Where(flag => flag.State is not null)
                .Where(flag => string.IsNullOrEmpty(command.Match) || flag.Name.Contains(command.Match, StringComparison.OrdinalIgnoreCase))
                .Where(flag => staleNames is null || staleNames.Contains(flag.Name))
                .OrderBy(flag => flag.Name, StringComparer.Ordinal)
                .ToArray();
            var enabled = stored.Where(flag => flag.Status != FlagStatus.Off).Select(flag => new FlagListEntry(flag.Name, FlagSummaries.ListDetail(flag.State!))).ToArray();
            var disabled = stored.Where(flag => flag.Status == FlagStatus.Off).Select(flag => new FlagListEntry(flag.Name, null)).ToArray();
            results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.Shown) { Listing = new FlagListing(environment.Name, enabled, disabled) });
        }

        // The evidence, one line per stale flag (a stale flag with no stored state shows only here).
        var notes = stale?
            .Where(flag => string.IsNullOrEmpty(command.Match) || flag.Name.Contains(command.Match, StringComparison.OrdinalIgnoreCase))
            .Select(flag => $"{flag.Name} is stale: {string.Join(" ", flag.Reasons.Select(reason => reason.Evidence))}")
            .ToArray();
        if (notes is { Length: 0 })
        {
            notes = [$"No flag is stale (past its type's lifetime, with {staleFlags.StaleAfterDays} days of evidence)."];
        }

        return results.Any(result => result.Status == EnvironmentStatus.Shown)
            ? CommandResult.Success(null, results, notes)
            : CommandResult.Refused(string.Join('\n', results.Select(result => result.Message).Distinct(StringComparer.Ordinal)), results);
    }
}
