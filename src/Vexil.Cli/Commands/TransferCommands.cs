using System.CommandLine;
using System.Globalization;
using Vexil.Cli.Api;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil import gitlab|flipper FILE [--environment E] [--apply]</c> and <c>vexil export --environment E [--format
/// gitlab|flipper]</c>: moving flag states from GitLab or Flipper and back. The server reads the file (so the CLI and
/// the API refuse the same malformed files with the same words); an import is a dry run unless <c>--apply</c> is given.
/// </summary>
internal static class TransferCommands
{
    /// <summary>Builds the <c>import</c> command with its <c>gitlab</c> and <c>flipper</c> subcommands.</summary>
    public static Command CreateImport(CliContext context)
    {
        var import = new Command("import", "Import flag states from GitLab (GET /api/v4/features JSON) or Flipper (export JSON v1); a dry run unless --apply.");
        import.Subcommands.Add(CreateImportOf(context, "gitlab", "GitLab's GET /api/v4/features answer (what python-gitlab's gl.features.list() reads)", environmentRequired: true));
        import.Subcommands.Add(CreateImportOf(context, "flipper", "Flipper's export, JSON version 1 (Flipper.export)", environmentRequired: false));
        return import;
    }

    /// <summary>Builds the <c>export</c> command.</summary>
    public static Command CreateExport(CliContext context)
    {
        var environment = new Option<string>("--environment") { Description = "The environment to export.", Required = true, HelpName = "name" };
        var format = new Option<string>("--format") { Description = "gitlab (default) or flipper.", DefaultValueFactory = _ => "gitlab", HelpName = "format" };
        format.AcceptOnlyFromAmong("gitlab", "flipper");
        var export = new Command("export", "Write an environment's stored flags as a GitLab feature list or a Flipper export (JSON v1), to standard output.")
        {
            environment, format,
        };
        export.SetAction(async (parse, cancellationToken) =>
        {
            using var client = context.CreateClient();
            var path = $"api/v1/export?environment={Uri.EscapeDataString(parse.GetValue(environment)!)}&format={parse.GetValue(format)}";
            context.WriteLine(await client.SendAsync(HttpMethod.Get, path, null, cancellationToken));
            return ExitCodes.Success;
        });
        return export;
    }

    private static Command CreateImportOf(CliContext context, string format, string what, bool environmentRequired)
    {
        var file = new Argument<string>("file") { Description = $"The file: {what}." };
        var environment = new Option<string?>("--environment")
        {
            Description = environmentRequired ? "The environment to write." : "The environment to write; default: the server's default environment.",
            Required = environmentRequired,
            HelpName = "name",
        };
        var apply = new Option<bool>("--apply") { Description = "Write the changes (one audited change per flag); without it, only show them." };
        var command = new Command(format, $"Import {what}.") { file, environment, apply };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            string content;
            try
            {
                content = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"The file '{path}' could not be read ({exception.Message}). Check the path.", ExitCodes.Usage);
            }

            using var client = context.CreateClient();
            var result = await client.PostAsync<ImportAnswer>(
                "api/v1/import",
                new { format, environment = parse.GetValue(environment), source = Path.GetFileName(path), content, apply = parse.GetValue(apply) },
                cancellationToken);
            if (context.Json(parse))
            {
                context.WriteLine(result.Json);
            }
            else
            {
                Write(context, result.Value);
            }

            return result.Value.Flags.Any(flag => flag.Outcome == "refused") ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static void Write(CliContext context, ImportAnswer answer)
    {
        foreach (var flag in answer.Flags)
        {
            var undefined = flag.Defined ? string.Empty : " (no definition)";
            var outcome = flag.Outcome switch
            {
                "refused" => $" REFUSED: {flag.Message}",
                _ when flag.Message is not null => $" ({flag.Message})",
                _ => string.Empty,
            };
            var change = flag.Action == "unchanged" ? Describe(flag.After) : $"{Describe(flag.Before)} -> {Describe(flag.After)}";
            context.WriteLine($"{flag.Action,-9} {flag.Name}{undefined}: {change}{outcome}");
        }

        var changes = answer.Flags.Count(flag => flag.Action != "unchanged");
        var undefinedCount = answer.Flags.Count(flag => !flag.Defined);
        var summary = answer.Applied
            ? $"{answer.Source}: {answer.Flags.Count(flag => flag.Outcome == "applied")} of {changes} changes applied on {answer.Environment}"
            : $"{answer.Source}: {changes} of {answer.Flags.Count} flags would change on {answer.Environment} (dry run: add --apply to write them)";
        context.WriteLine(undefinedCount == 0 ? summary + "." : $"{summary}; {undefinedCount} without a definition (imported all the same: add their definitions).");
    }

    private static string Describe(GateValues? gates)
    {
        if (gates is null)
        {
            return "not stored";
        }

        if (gates.Boolean)
        {
            return "on";
        }

        var parts = new List<string>();
        if (gates.Actors is { Count: > 0 } actors)
        {
            parts.Add($"actors {string.Join(",", actors)}");
        }

        if (gates.Groups is { Count: > 0 } groups)
        {
            parts.Add($"groups {string.Join(",", groups)}");
        }

        if (gates.PercentageOfActors > 0)
        {
            parts.Add($"{gates.PercentageOfActors.ToString(CultureInfo.InvariantCulture)}% of actors");
        }

        if (gates.PercentageOfTime > 0)
        {
            parts.Add($"{gates.PercentageOfTime.ToString(CultureInfo.InvariantCulture)}% of time");
        }

        return parts.Count == 0 ? "off" : string.Join("; ", parts);
    }
}
