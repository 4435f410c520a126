using System.CommandLine;
using System.Text.Json;
using Vexil.Definitions;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil definitions check [FOLDER...]</c>: lints definition files offline, with the server's own loader, so CI
/// can refuse a merge request whose definition the server would reject, with the same messages the server would show.
/// </summary>
internal static class DefinitionsCommands
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Builds the <c>definitions</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var folders = new Argument<string[]>("folders")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Folders of <type>/<name>.yml definitions, or GitLab-style repository roots (with config/feature_flags); default: the current folder.",
        };
        var check = new Command(
            "check",
            "Check definition files offline with the server's rules; exit 1 when any file is invalid (for CI before merge).")
        {
            folders,
        };
        check.SetAction(parse => Check(context, parse, parse.GetValue(folders) is { Length: > 0 } given ? given : ["."]));

        var definitions = new Command("definitions", "Work with flag definition files (YAML) without a server.");
        definitions.Subcommands.Add(check);
        return definitions;
    }

    private static int Check(CliContext context, ParseResult parse, IReadOnlyList<string> folders)
    {
        var catalog = DefinitionLoader.Load(folders);
        var exitCode = catalog.HasErrors ? ExitCodes.Failure : ExitCodes.Success;
        if (context.Json(parse))
        {
            context.WriteLine(JsonSerializer.Serialize(
                new
                {
                    ok = !catalog.HasErrors,
                    definitions = catalog.Definitions.Select(definition => new { name = definition.Name, path = definition.RelativePath }),
                    errors = catalog.Errors.Select(error => new { path = error.Path, message = error.Message }),
                },
                JsonOptions));
            return exitCode;
        }

        foreach (var error in catalog.Errors)
        {
            context.WriteLine(error.Message);
        }

        var where = string.Join(", ", folders);
        var summary = catalog.HasErrors
            ? $"{Count(catalog.Errors.Count, "problem")} found; {Count(catalog.Count, "valid definition")} in {where}. Fix the files above; the server would skip them."
            : $"{Count(catalog.Count, "valid definition")} in {where}; no problems.";
        if (catalog.HasErrors)
        {
            context.WriteError(summary);
        }
        else
        {
            context.WriteLine(summary);
        }

        return exitCode;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
