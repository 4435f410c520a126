using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Vexil.Cli.Commands;

namespace Vexil.Cli;

/// <summary>
/// The <c>vexil</c> command line: builds the command tree, parses, runs the chosen command and turns every failure
/// into a message on standard error and an exit code (0 done, 1 refused or unreachable, 2 bad usage).
/// </summary>
internal static class CliApplication
{
    /// <summary>The command's name as people type it.</summary>
    public const string Name = "vexil";

    /// <summary>Runs one command line and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);

        var context = new CliContext(host);
        var root = CreateRootCommand(context);

        // No response files: `@name` is an ordinary word in a feature command (and a token could start with @).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                host.Error.WriteLine(error.Message);
            }

            host.Error.WriteLine($"Run `{CommandPath(parse)} --help` to see how to use it.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,

            // CliException carries the message and exit code; anything else is a bug and should show its stack trace.
            EnableDefaultExceptionHandler = false,

            // Only a real process handles Ctrl+C; tests run many CLIs in one process.
            ProcessTerminationTimeout = host.IsProcess ? TimeSpan.FromSeconds(2) : null,
        };

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliException e)
        {
            if (e.JsonBody is not null && context.Json(parse))
            {
                host.Out.WriteLine(e.JsonBody);
            }

            host.Error.WriteLine(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            host.Error.WriteLine("Cancelled. A change the server had already received may still be made: check with `vexil audit`.");
            return 130;
        }
    }

    /// <summary>The whole command tree.</summary>
    public static Command CreateRootCommand(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A plain command rather than RootCommand, whose name is the host's file name ("dotnet", "testhost") and
        // which adds [directives] that would swallow words of a feature command.
        var root = new Command(
            Name,
            "vexil: roll feature flags out with the same `feature` commands as ChatOps, and manage Vexil's tokens, incidents and audit log.\n"
            + "Reads the server from VEXIL_URL and the token from VEXIL_TOKEN, or from the file `vexil login` writes.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        root.Options.Add(context.JsonOption);
        root.Subcommands.Add(FeatureCommands.Create(context));
        root.Subcommands.Add(ReleaseCommands.CreateAutoDeploy(context));
        root.Subcommands.Add(ReleaseCommands.CreateRelease(context));
        root.Subcommands.Add(FlagsCommand.Create(context));
        root.Subcommands.Add(CheckCommand.Create(context));
        root.Subcommands.Add(RolloutIssueCommand.Create(context));
        root.Subcommands.Add(DefinitionsCommands.Create(context));
        root.Subcommands.Add(ScanCommand.Create(context));
        root.Subcommands.Add(TransferCommands.CreateImport(context));
        root.Subcommands.Add(TransferCommands.CreateExport(context));
        root.Subcommands.Add(TokenCommands.Create(context));
        root.Subcommands.Add(IncidentCommands.Create(context));
        root.Subcommands.Add(LockCommands.Create(context));
        root.Subcommands.Add(DeploymentCommands.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(LoginCommands.CreateLogin(context));
        root.Subcommands.Add(LoginCommands.CreateLogout(context));
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
