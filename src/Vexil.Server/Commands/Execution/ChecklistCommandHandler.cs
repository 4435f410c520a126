using Vexil.Server.Commands.Parsing;
using Vexil.Server.Commands.Results;
using Vexil.Server.Rollouts.Checklist;

namespace Vexil.Server.Commands.Execution;

/// <summary><c>feature checklist NAME</c>: the seeds' rollout checklist computed from live state, each item with its evidence.</summary>
public sealed class ChecklistCommandHandler(FlagChecklist checklist)
{
    /// <summary>Handles the command.</summary>
    public async Task<CommandResult> HandleAsync(CommandRequest request, FeatureCommand command, CancellationToken cancellationToken)
    {
        if (ArgumentChecks.FirstRefusal(ArgumentChecks.Named, command) is { } refusal)
        {
            return CommandResult.Usage(refusal);
        }

        if (request.Principal is null && request.Source is not (Storage.ChangeChannels.Chat or Storage.ChangeChannels.Dashboard))
        {
            return CommandResult.Refused("Unable to proceed because the request carries no token: send one in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        var view = await checklist.BuildAsync(command.Name!, cancellationToken);
        var lines = view.Items.Select(item => $"[{Mark(item.State)}] {item.Title}: {item.Evidence}");
        return CommandResult.Success($"Rollout checklist of {view.Flag}:\n{string.Join('\n', lines)}", []);
    }

    private static string Mark(string state) => state switch
    {
        ChecklistItem.Done => "x",
        ChecklistItem.NotDone => " ",
        _ => "?",
    };
}
