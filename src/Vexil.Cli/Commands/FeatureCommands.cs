using System.CommandLine;
using Vexil.Cli.Api;
using Vexil.Cli.Output;
using Vexil.Core.Naming;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil feature set|get|list|delete ...</c>: the ChatOps <c>feature</c> command, run by the server. The CLI does
/// not parse the grammar, so the server's rules (and its messages) are the only ones; it sends the words as typed.
/// </summary>
internal static class FeatureCommands
{
    /// <summary>Builds the <c>feature</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var feature = new Command(
            "feature",
            "Read and change flags with the `feature` command ChatOps uses; the server checks and runs it exactly as from chat.");
        feature.Subcommands.Add(Subcommand(
            context,
            "set",
            "Set a flag: feature set NAME VALUE [--actors] [--user=a,b] [--group=...] [--project=...] [--feature-group=...] "
            + "[--namespace=...] [--repository=...] [--dev] [--pre] [--staging] [--staging-ref] [--ops] [--production] "
            + "[--ignore-production-check] [--ignore-feature-flag-consistency-check]. VALUE is true, false or 0-100 "
            + "(a percentage needs --actors). Without an environment option it changes production."));
        feature.Subcommands.Add(Subcommand(
            context,
            "get",
            "Show a flag: feature get NAME [environment options], or feature get NAME --all for every environment in one table.",
            new Option<bool>("--all") { Description = "Show every environment the token reads in one compact table (through the native API)." }));
        feature.Subcommands.Add(Subcommand(
            context,
            "list",
            "List flags: feature list [--match=TEXT] [environment options]."));
        feature.Subcommands.Add(Subcommand(
            context,
            "delete",
            "Delete a flag's stored state: feature delete NAME [--dev] [--pre] [--staging] [--staging-ref] [--ops] [--production]."));
        feature.Subcommands.Add(Subcommand(
            context,
            "rollout",
            "Guarded rollout plans: feature rollout NAME [--steps 1,10,25,50,75,100] [--every 15m] [--actors] [--check NAME] "
            + "[--verify 1d] [--production] starts one; feature rollout status|pause|resume|abort NAME shows or controls it."));
        feature.Subcommands.Add(Subcommand(
            context,
            "checklist",
            "The rollout checklist of a flag from live state: feature checklist NAME; each item done, not done or unknown, with evidence."));
        return feature;
    }

    private static Command Subcommand(CliContext context, string name, string description, Option<bool>? all = null)
    {
        var words = new Argument<string[]>("arguments")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "The flag name, value and options, passed to the server as typed.",
        };

        // Words that are not vexil's own options (--actors, --user=a,b) land in this argument in the order typed:
        // they are the server's to judge, so no feature option is declared here.
        var command = new Command(name, description);
        command.Arguments.Add(words);
        if (all is not null)
        {
            command.Options.Add(all);
        }

        command.SetAction((parse, cancellationToken) => all is not null && parse.GetValue(all)
            ? GetAllAsync(context, parse, parse.GetValue(words) ?? [], cancellationToken)
            : RunAsync(context, parse, ["feature", name, .. parse.GetValue(words) ?? []], cancellationToken));
        return command;
    }

    // `feature get NAME --all`: one row per environment, from the native API, which already holds every environment
    // the token reads; the ChatOps grammar has no "all environments" switch, so this is the CLI's own view.
    private static async Task<int> GetAllAsync(CliContext context, ParseResult parse, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        if (words.Count != 1 || words[0].StartsWith('-'))
        {
            throw new CliException(
                "`feature get NAME --all` shows every environment: give only the flag name, without environment options.",
                ExitCodes.Usage);
        }

        var name = words[0].Trim('`');
        if (FlagName.Validate(name) is { } problem)
        {
            throw new CliException(problem, ExitCodes.Usage);
        }

        using var client = context.CreateClient();
        var result = await client.GetAsync<FlagRow>($"api/v1/flags/{name}", cancellationToken);
        if (context.Json(parse))
        {
            context.WriteLine(result.Json);
            return ExitCodes.Success;
        }

        var row = result.Value;
        var table = Tables.Create("Environment", "State", "Gates");
        foreach (var cell in row.Environments)
        {
            table.AddRow(cell.Environment, cell.Persisted ? cell.State : $"{cell.State} (default)", FlagCells.Describe(cell, row.Definition));
        }

        context.WriteLine(row.Name);
        context.Console.Write(table);
        if (row.Definition is { } definition)
        {
            context.WriteLine($"Group: {definition.Group}");
            if (!string.IsNullOrEmpty(definition.RolloutIssueUrl))
            {
                context.WriteLine($"Rollout issue: {definition.RolloutIssueUrl}");
            }
        }

        foreach (var error in row.DefinitionErrors ?? [])
        {
            context.WriteLine($"Definition error: {error}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Sends the words as one command to the server and prints its answer; returns the exit code.</summary>
    internal static async Task<int> RunAsync(CliContext context, ParseResult parse, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var text = CommandText.Join(words);
        using var client = context.CreateClient();
        var result = await client.RunCommandAsync(text, cancellationToken);
        var answer = result.Value;

        // Trust the server's exit code when it is one of ours; otherwise derive it from ok.
        var exitCode = answer.ExitCode is ExitCodes.Success or ExitCodes.Failure or ExitCodes.Usage
            ? answer.ExitCode.Value
            : answer.Ok ? ExitCodes.Success : ExitCodes.Failure;

        if (context.Json(parse))
        {
            context.WriteLine(result.Json);
        }
        else
        {
            var message = answer.Text ?? answer.Markdown ?? (exitCode == ExitCodes.Success ? "Done." : "The server refused without saying why.");
            if (exitCode == ExitCodes.Success)
            {
                context.WriteLine(message);
            }
            else
            {
                context.WriteError(message);
            }
        }

        return exitCode;
    }
}
