using System.CommandLine;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary><c>vexil flags [--match TEXT]</c>: every flag × every environment the token reads, through <c>GET /api/v1/flags</c>.</summary>
internal static class FlagsCommand
{
    /// <summary>Builds the <c>flags</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var match = new Option<string?>("--match") { Description = "Only flags whose name contains this text.", HelpName = "text" };
        var command = new Command("flags", "Show every flag in every environment at once: the rollout matrix.") { match };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetValue(match);
            var path = string.IsNullOrWhiteSpace(text) ? "api/v1/flags" : $"api/v1/flags?match={Uri.EscapeDataString(text.Trim())}";
            using var client = context.CreateClient();
            var result = await client.GetAsync<FlagMatrix>(path, cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
                return ExitCodes.Success;
            }

            var matrix = result.Value;
            if (matrix.Flags.Count == 0)
            {
                context.WriteLine(string.IsNullOrWhiteSpace(text) ? "No flags are defined or stored." : $"No flag matches '{text}'.");
                return ExitCodes.Success;
            }

            var table = Tables.Create([.. matrix.Environments.Prepend("Flag")]);
            foreach (var row in matrix.Flags)
            {
                var name = row.DefinitionErrors is { Count: > 0 } ? $"{row.Name} (!)" : row.Name;
                table.AddRow([name, .. matrix.Environments.Select(environment =>
                    FlagCells.Describe(row.Environments.FirstOrDefault(cell => cell.Environment == environment), row.Definition))]);
            }

            context.Console.Write(table);
            if (matrix.Flags.Any(row => row.DefinitionErrors is { Count: > 0 }))
            {
                context.WriteLine("(!) the flag's definition file is invalid: `vexil feature get NAME --all` shows why.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
