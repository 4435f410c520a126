using System.CommandLine;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil auto_deploy status &lt;sha&gt;</c> and <c>vexil release check &lt;merge-request-url or sha&gt; [X.Y]</c>: GitLab's
/// ChatOps commands, answered by the server from its recorded deployments and its repository mirror, as from chat.
/// </summary>
internal static class ReleaseCommands
{
    /// <summary>Builds <c>auto_deploy</c> with its <c>status</c> subcommand.</summary>
    public static Command CreateAutoDeploy(CliContext context)
    {
        var command = new Command("auto_deploy", "Where a commit is deployed: auto_deploy status <sha>.");
        command.Subcommands.Add(Subcommand(
            context,
            "auto_deploy",
            "status",
            "Show the commit and, per environment, whether its last successful deployment contains it: auto_deploy status <sha> (7 characters or more)."));
        return command;
    }

    /// <summary>Builds <c>release</c> with its <c>check</c> subcommand.</summary>
    public static Command CreateRelease(CliContext context)
    {
        var command = new Command("release", "Whether a merge request is in a release: release check <merge-request-url or sha> [X.Y].");
        command.Subcommands.Add(Subcommand(
            context,
            "release",
            "check",
            "Say in which release a merge request (or commit) ships, with GitLab's logic: release check <merge-request-url or sha> [X.Y]."));
        return command;
    }

    private static Command Subcommand(CliContext context, string parent, string name, string description)
    {
        var words = new Argument<string[]>("arguments")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "The sha or merge request URL (and version), passed to the server as typed.",
        };
        var command = new Command(name, description);
        command.Arguments.Add(words);
        command.SetAction((parse, cancellationToken) => FeatureCommands.RunAsync(context, parse, [parent, name, .. parse.GetValue(words) ?? []], cancellationToken));
        return command;
    }
}
