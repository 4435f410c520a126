using System.CommandLine;
using System.Text.Json;
using Vexil.Cli.Api;
using Vexil.Definitions;
using Vexil.Definitions.References;

namespace Vexil.Cli.Commands;

/// <summary>
/// <c>vexil scan [PATH]</c>: every place in a source tree that reads a flag by name (file, line, text), offline with the
/// same scanner the server runs after each fetch of the repository. With <c>--fail-on-stale</c> it asks the server which
/// flags are stale or gone and exits 1 when code still reads one, for CI.
/// </summary>
internal static class ScanCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Builds the <c>scan</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path") { Arity = ArgumentArity.ZeroOrOne, Description = "The source tree to scan; default: the current folder." };
        var patterns = new Option<string[]>("--pattern")
        {
            Description = "A reference pattern such as \"is_on('{name}'\" or \"flags.{camelName}\"; repeat for more. Given patterns replace the defaults unless --with-defaults is given.",
            HelpName = "template",
            AllowMultipleArgumentsPerToken = false,
        };
        var withDefaults = new Option<bool>("--with-defaults") { Description = "Keep the default patterns beside those given with --pattern." };
        var flag = new Option<string?>("--flag") { Description = "Only references to this flag.", HelpName = "name" };
        var failOnStale = new Option<bool>("--fail-on-stale")
        {
            Description = "Ask the server which flags are stale or deleted and exit 1 when code still reads one (for CI).",
        };
        var command = new Command("scan", "Find the code that reads each flag: file, line and text (Ruby, JavaScript, C#, YAML and definition files).")
        {
            path, patterns, withDefaults, flag, failOnStale,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = parse.GetValue(path) ?? ".";
            if (!Directory.Exists(root))
            {
                throw new CliException($"The folder '{root}' does not exist. Give the root of the source tree to scan.", ExitCodes.Usage);
            }

            var chosen = ChoosePatterns(parse.GetValue(patterns) ?? [], parse.GetValue(withDefaults));
            StaleFlags? stale = null;
            FlagMatrix? known = null;
            if (parse.GetValue(failOnStale))
            {
                using var client = context.CreateClient();
                stale = (await client.GetAsync<StaleFlags>("api/v1/flags/stale", cancellationToken)).Value;
                known = (await client.GetAsync<FlagMatrix>("api/v1/flags", cancellationToken)).Value;
            }

            var knownNames = DefinedInTree(root).Concat(known?.Flags.Select(row => row.Name) ?? []).Distinct(StringComparer.Ordinal).ToArray();
            CodeScanResult result;
            try
            {
                result = new CodeReferenceScanner(chosen, knownNames).Scan(root, cancellationToken);
            }
            catch (IOException exception)
            {
                throw new CliException($"The folder '{root}' could not be read ({exception.Message}). Check the path and its permissions.");
            }

            var only = parse.GetValue(flag);
            var references = only is null ? result.References : result.References.Where(reference => reference.Flag == only).ToArray();
            var blocking = stale is null ? [] : Blocking(references, stale, known!, knownNames);
            Write(context, parse, root, result, references, blocking, stale is not null);
            return blocking.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<ReferencePattern> ChoosePatterns(string[] templates, bool withDefaults)
    {
        var parsed = new List<ReferencePattern>();
        foreach (var template in templates)
        {
            if (ReferencePattern.TryParse(template, out var pattern) is { } problem)
            {
                throw new CliException(problem, ExitCodes.Usage);
            }

            parsed.Add(pattern!);
        }

        return parsed.Count == 0 ? ReferencePattern.Defaults : withDefaults ? [.. ReferencePattern.Defaults, .. parsed] : parsed;
    }

    // Flags whose definition sits in the tree: their camel-case forms map back exactly, and they are not "deleted".
    private static IEnumerable<string> DefinedInTree(string root)
    {
        var folder = Path.Combine(root, "config", "feature_flags");
        return Directory.Exists(folder)
            ? DefinitionType.All
                .Select(type => Path.Combine(folder, type.Name))
                .Where(Directory.Exists)
                .SelectMany(typeFolder => Directory.EnumerateFiles(typeFolder, "*" + DefinitionFolders.Extension))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
            : [];
    }

    // A flag code still reads that is stale, or that neither the tree nor the server defines or stores (deleted).
    private static IReadOnlyList<(string Flag, string Why)> Blocking(IReadOnlyList<CodeReference> references, StaleFlags stale, FlagMatrix known, IReadOnlyCollection<string> knownNames)
    {
        var staleByName = stale.Flags.ToDictionary(flag => flag.Name, StringComparer.Ordinal);
        var onServer = known.Flags.Select(row => row.Name).ToHashSet(StringComparer.Ordinal);
        var inTreeOrServer = knownNames.ToHashSet(StringComparer.Ordinal);
        return references
            .Where(reference => !reference.IsDefinition)
            .Select(reference => reference.Flag)
            .Distinct(StringComparer.Ordinal)
            .Select(name => staleByName.TryGetValue(name, out var flag)
                ? (name, "stale: " + string.Join("; ", flag.Reasons.Select(reason => reason.Evidence)))
                : !inTreeOrServer.Contains(name) && !onServer.Contains(name)
                    ? (name, "deleted: neither a definition in the tree nor the server knows it")
                    : (name, string.Empty))
            .Where(entry => entry.Item2.Length > 0)
            .OrderBy(entry => entry.name, StringComparer.Ordinal)
            .ToArray();
    }

    private static void Write(
        CliContext context,
        ParseResult parse,
        string root,
        CodeScanResult result,
        IReadOnlyList<CodeReference> references,
        IReadOnlyList<(string Flag, string Why)> blocking,
        bool checkedServer)
    {
        if (context.Json(parse))
        {
            context.WriteLine(JsonSerializer.Serialize(
                new
                {
                    root,
                    filesScanned = result.FilesScanned,
                    filesSkipped = result.FilesSkipped,
                    references = references.Select(reference => new
                    {
                        flag = reference.Flag,
                        path = reference.Path,
                        line = reference.Line,
                        text = reference.Text,
                        pattern = reference.Pattern,
                        definition = reference.IsDefinition,
                    }),
                    stale = checkedServer ? blocking.Select(entry => new { flag = entry.Flag, why = entry.Why }) : null,
                },
                JsonOptions));
            return;
        }

        foreach (var reference in references)
        {
            context.WriteLine($"{reference.Path}:{reference.Line}: {reference.Flag}: {reference.Text}");
        }

        var flags = references.Select(reference => reference.Flag).Distinct(StringComparer.Ordinal).Count();
        context.WriteLine($"{Count(references.Count, "reference")} to {Count(flags, "flag")} in {Count(result.FilesScanned, "file")} scanned ({result.FilesSkipped} skipped: binary or over 16 MB).");
        foreach (var (flag, why) in blocking)
        {
            context.WriteError($"Code still reads {flag}, which is {why}. Remove the code that reads it, then the flag.");
        }
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
