using System.CommandLine;
using Vexil.Core.Naming;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil rollout-issue NAME</c>: prints a rollout issue for the flag in Markdown, written by the server from live
/// state (<c>GET /api/v1/flags/{name}/rollout-issue</c>), with the items already done ticked. Paste it into a new issue.
/// </summary>
internal static class RolloutIssueCommand
{
    /// <summary>Builds the <c>rollout-issue</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The flag." };
        var command = new Command("rollout-issue", "Print a rollout issue for a flag in Markdown, with the steps already done ticked.");
        command.Arguments.Add(name);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var flag = parse.GetValue(name)!.Trim('`');
            if (FlagName.Validate(flag) is { } problem)
            {
                throw new CliException(problem, ExitCodes.Usage);
            }

            using var client = context.CreateClient();
            context.WriteLine((await client.SendAsync(HttpMethod.Get, $"api/v1/flags/{flag}/rollout-issue", null, cancellationToken)).TrimEnd());
            return ExitCodes.Success;
        });
        return command;
    }
}
