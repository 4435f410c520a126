using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Rollouts;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// <c>feature get NAME</c>: the flag's summary in each environment, read from the in-memory snapshots. A flag with a
/// definition but no stored state shows its default; one with neither "does not exist" there.
/// </summary>
public sealed class GetCommandHandler(SnapshotCache snapshots, DefinitionRegistry definitions, RolloutEngine rollouts)
{
    /// <summary>Handles the command; an environment with an active rollout plan shows the plan under the flag.</summary>
    public async Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CancellationToken cancellationToken = default)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Named, command) is { } refusal)
        {
            return CommandResult.Usage(refusal);
        }

        var name = command.Name!;
        var catalog = definitions.Current;
        var definition = catalog.TryGet(name, out var found) ? found : null;
        var problems = catalog.ProblemsOf(name);
        var results = new List<EnvironmentResult>();
        foreach (var environment in command.Environments)
        {
            if (TokenAccess.ReadRefusal(request, environment) is { } denied)
            {
                results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.Refused) { Message = denied });
                continue;
            }

            var snapshot = snapshots.Get(environment.Name);
            if (!snapshot.TryGetFlag(name, out var flag))
            {
                // A flag whose only file is invalid "does not exist"; say why, or the author is left guessing.
                var message = problems.Count == 0
                    ? CommandMessages.DoesNotExist(name, environment.Name)
                    : $"{CommandMessages.DoesNotExist(name, environment.Name)} {FlagSummaries.DefinitionProblem(problems, lastGoodInUse: false)}";
                results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.NotFound) { Message = message });
                continue;
            }

            var summary = flag.State is { } state
                ? FlagSummaries.Of(name, state)
                : FlagSummaries.OfDefault(name, flag.Status != Core.State.FlagStatus.Off, environment.Name);
            var plan = await rollouts.GetActiveAsync(name, environment.Name, cancellationToken);
            results.Add(new EnvironmentResult(environment.Name, EnvironmentStatus.Shown)
            {
                Flag = FlagSummaries.WithDefinition(summary, definition, problems),
                Message = plan is null ? null : RolloutPlanText.Describe(plan),
            });
        }

        return results.Any(result => result.Status == EnvironmentStatus.Shown)
            ? CommandResult.Success(null, results)
            : CommandResult.Refused(string.Join('\n', results.Select(result => result.Message).Distinct(StringComparer.Ordinal)), results);
    }
}
