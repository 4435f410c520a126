using Vexil.Core.State;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature list [--match TEXT]</c>: the flags stored in each environment, enabled (on or conditional) and disabled,
/// by name, with GitLab's footers "N enabled features on ENV". Like GitLab it lists stored flags only; a flag that
/// merely has a definition shows up with <c>feature get</c>.
/// </summary>
public sealed class ListCommandHandler(SnapshotCache snapshots)
{
    /// <summary>Handles the command.</summary>
    public CommandResult Handle(CommandRequest request, FeatureCommand command)
    {
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
                .OrderBy(flag => flag.Name, StringComparer.Ordinal)
                .ToArray();
            var enabled = stored.Where(flag => flag.Status != FlagStatus.Off).Select(flag => new FlagListEntry(flag.Name, FlagSummaries.ListDetail(flag.State!))).ToArray();
            var disabled = stored.Where(flag => flag.Status == FlagStatus.Off).Select(flag => new FlagListEntry(flag.Name, null)).ToArray();
            results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.Shown) { Listing = new FlagListing(environment.Name, enabled, disabled) });
        }

        return results.Any(result => result.Status == EnvironmentStatus.Shown)
            ? CommandResult.Success(null, results)
            : CommandResult.Refused(string.Join('\n', results.Select(result => result.Message).Distinct(StringComparer.Ordinal)), results);
    }
}
