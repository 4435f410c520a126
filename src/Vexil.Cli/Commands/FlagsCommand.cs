using System.CommandLine;
using Vexil.Cli.Api;
using Vexil.Cli.Output;

namespace Vexil.Cli.Commands;

/// <summary><c>vexil flags [--match TEXT] [--stale]</c>: every flag × every environment the token reads, through <c>GET /api/v1/flags</c>.</summary>
internal static class FlagsCommand
{
    /// <summary>Builds the <c>flags</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var match = new Option<string?>("--match") { Description = "Only flags whose name contains this text.", HelpName = "text" };
        var stale = new Option<bool>("--stale") { Description = "Only stale flags (past their type's lifetime, with evidence), each with why." };
        var command = new Command("flags", "Show every flag in every environment at once: the rollout matrix.") { match, stale };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(stale))
            {
                return await StaleAsync(context, parse, parse.GetValue(match), cancellationToken);
            }

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

    // `vexil flags --stale`: GET /api/v1/flags/stale, one block per flag with each rule's evidence.
    private static async Task<int> StaleAsync(CliContext context, ParseResult parse, string? match, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var result = await client.GetAsync<StaleFlags>("api/v1/flags/stale", cancellationToken);
        if (context.Json(parse))
        {
            context.WriteLine(result.Json);
            return ExitCodes.Success;
        }

        var flags = result.Value.Flags.Where(flag => string.IsNullOrWhiteSpace(match) || flag.Name.Contains(match.Trim(), StringComparison.OrdinalIgnoreCase)).ToArray();
        if (flags.Length == 0)
        {
            context.WriteLine($"No flag is stale (past its type's lifetime, with {result.Value.StaleAfterDays} days of evidence).");
            return ExitCodes.Success;
        }

        foreach (var flag in flags)
        {
            var owner = flag.Undefined ? "no definition" : $"{flag.Type}, {flag.Group}{(flag.LifetimeEndedAt is { } ended ? $", lifetime ended {ended:yyyy-MM-dd}" : string.Empty)}";
            context.WriteLine($"{flag.Name} ({owner})");
            foreach (var reason in flag.Reasons)
            {
                context.WriteLine($"  {reason.Rule}: {reason.Evidence}");
            }
        }

        context.WriteLine($"{flags.Length} stale flag{(flags.Length == 1 ? string.Empty : "s")}. Clean one up with `vexil feature cleanup NAME` once no code reads it (`vexil scan`).");
        return ExitCodes.Success;
    }
}
