using Vexil.Core.Naming;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vexil.Definitions;

/// <summary>
/// Reads and validates one definition file. The checks and their wording follow GitLab's
/// <c>Feature::Definition#validate!</c> so a file GitLab rejects is rejected here with the same sentence; each
/// message then says what to do. Messages are returned without the file's path: the loader wraps them as GitLab
/// does ("Invalid definition for `path`: ...").
/// </summary>
internal static class DefinitionFileReader
{
    /// <summary>The extension GitLab reads (<c>config/feature_flags/**/*.yml</c>).</summary>
    public const string Extension = DefinitionFolders.Extension;

    /// <summary>
    /// Reads <paramref name="path"/>, found under the definitions folder <paramref name="definitionsRoot"/>. Messages
    /// name files relative to <paramref name="displayBase"/> (the configured folder), or by full path when it is null.
    /// </summary>
    public static DefinitionFileResult Read(string path, string definitionsRoot, string? displayBase = null)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return DefinitionFileResult.Invalid(
                $"The file could not be read ({exception.Message}). Check that it exists and that the server may read it.");
        }

        return Parse(path, definitionsRoot, yaml, displayBase);
    }

    /// <summary>
    /// The path shown for <paramref name="path"/>: relative to <paramref name="displayBase"/> with <c>/</c> separators,
    /// or the path itself when there is no base or the file is outside it.
    /// </summary>
    public static string Shown(string path, string? displayBase)
    {
        if (displayBase is null)
        {
            return path;
        }

        var relative = Path.GetRelativePath(displayBase, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>Validates the text of a definition as if it were the file at <paramref name="path"/>.</summary>
    public static DefinitionFileResult Parse(string path, string definitionsRoot, string yaml, string? displayBase = null)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException exception)
        {
            var reason = exception.Message.TrimEnd();
            return DefinitionFileResult.Invalid(
                $"The file is not valid YAML at line {exception.Start.Line}, column {exception.Start.Column}: {reason}{(reason.EndsWith('.') ? string.Empty : ".")} Fix the syntax and save the file again.");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this, with no position, for an unclosed [ or { followed by more lines; the last
            // event parsed still tells the author where to look.
            var where = parser.Current is { } last ? $" after line {last.Start.Line}, column {last.Start.Column}" : string.Empty;
            return DefinitionFileResult.Invalid(
                $"The file is not valid YAML: parsing stopped{where}, usually at an unclosed [ or {{. Fix the syntax and save the file again.");
        }

        if (stream.Documents.Count > 1)
        {
            return DefinitionFileResult.Invalid(
                $"The file holds {stream.Documents.Count} YAML documents; a definition is exactly one. Remove the extra `---` sections.");
        }

        var root = stream.Documents.Count == 1 ? YamlValue.From(stream.Documents[0].RootNode) : new(YamlValueKind.Null, string.Empty);
        if (root.Kind == YamlValueKind.Null)
        {
            return DefinitionFileResult.Invalid(
                $"The file is empty. A definition needs at least {string.Join(", ", DefinitionFields.Required)}.");
        }

        if (root.Kind != YamlValueKind.Mapping)
        {
            return DefinitionFileResult.Invalid(
                $"The file must be a YAML mapping of fields such as `name: my_flag`, not {root.Describe()}.");
        }

        return new Validation(path, definitionsRoot, displayBase, (YamlMappingNode)stream.Documents[0].RootNode).Run();
    }

    /// <summary>One file's checks, in GitLab's order; after the name is known, every problem is collected so one edit fixes them all.</summary>
    private sealed class Validation
    {
        private static readonly string TypeList = string.Join(", ", DefinitionType.All.Select(type => type.Name));

        private readonly string path;
        private readonly string definitionsRoot;
        private readonly string? displayBase;
        private readonly Dictionary<string, YamlValue> fields = new(StringComparer.Ordinal);
        private readonly List<string> unknownFields = [];
        private readonly List<string> problems = [];
        private string name = string.Empty;

        public Validation(string path, string definitionsRoot, string? displayBase, YamlMappingNode mapping)
        {
            this.path = path;
            this.definitionsRoot = definitionsRoot;
            this.displayBase = displayBase;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = keyNode is YamlScalarNode scalarKey ? scalarKey.Value ?? string.Empty : keyNode.ToString();
                if (DefinitionFields.All.Contains(key) || DefinitionFields.VexilOnly.Contains(key))
                {
                    fields[key] = YamlValue.From(valueNode);
                }
                else
                {
                    unknownFields.Add(key);
                }
            }
        }

        private string FileStem => Path.GetFileNameWithoutExtension(path);

        private string ShownPath => Shown(path, displayBase);

        public DefinitionFileResult Run()
        {
            // Every later message names the flag, so a missing or malformed name ends the checks, as in GitLab.
            var nameProblem = CheckName();
            if (nameProblem is not null)
            {
                return DefinitionFileResult.Invalid(nameProblem);
            }

            var type = CheckType();
            CheckPath(type);
            var defaultEnabled = CheckDefaultEnabled();
            var milestone = CheckMilestone();
            if (type is not null && defaultEnabled == true && !type.AllowsDefaultEnabled)
            {
                var allowing = string.Join(" or ", DefinitionType.All.Where(candidate => candidate.AllowsDefaultEnabled).Select(candidate => candidate.Name));
                problems.Add(
                    $"Feature flag '{name}' cannot have `default_enabled` set to `true`. A '{type.Name}' flag must start off: set `default_enabled: false`, or change its type to {allowing} once it is meant to be on by default.");
            }

            var introducedByUrl = RequiredString(DefinitionFields.IntroducedByUrl, "Add the URL of the merge request that introduced the flag.");
            var group = RequiredString(DefinitionFields.Group, "Add the owning group, e.g. `group: group::duo chat`.");
            var featureIssueUrl = OptionalString(DefinitionFields.FeatureIssueUrl);
            var rolloutIssueUrl = OptionalString(DefinitionFields.RolloutIssueUrl);
            var logStateChanges = OptionalBoolean(DefinitionFields.LogStateChanges);
            var permanent = CheckLifecycle();

            if (unknownFields.Count > 0)
            {
                var noun = unknownFields.Count == 1 ? "an unknown field" : "unknown fields";
                problems.Add(
                    $"Feature flag '{name}' has {noun}: {string.Join(", ", unknownFields.Select(field => $"`{field}`"))}. Remove or correct it; the fields are {string.Join(", ", DefinitionFields.All.Concat(DefinitionFields.VexilOnly))}.");
            }

            if (problems.Count > 0)
            {
                return DefinitionFileResult.Invalid(problems);
            }

            return DefinitionFileResult.Valid(new FlagDefinition
            {
                Name = name,
                FeatureIssueUrl = featureIssueUrl,
                IntroducedByUrl = introducedByUrl!,
                RolloutIssueUrl = rolloutIssueUrl,
                Milestone = milestone!,
                LogStateChanges = logStateChanges,
                Type = type!,
                Group = group!,
                DefaultEnabled = defaultEnabled!.Value,
                Permanent = permanent,
                SourcePath = path,
                RelativePath = Shown(path, displayBase ?? definitionsRoot),
            });
        }

        private string? CheckName()
        {
            if (!fields.TryGetValue(DefinitionFields.Name, out var value) || value.IsBlank)
            {
                return $"Feature flag is missing name. Add `name: {FileStem}` (the file's name without {Extension}).";
            }

            if (value.Kind != YamlValueKind.String)
            {
                var fix = value.IsScalar ? $"quote it: `name: '{value.Text}'`" : $"write it on one line, e.g. `name: {FileStem}`";
                return $"Feature flag name must be a string, not {value.Describe()}; {fix}.";
            }

            name = value.Text;
            return FlagName.Validate(name);
        }

        private DefinitionType? CheckType()
        {
            if (!fields.TryGetValue(DefinitionFields.Type, out var value) || value.IsBlank)
            {
                problems.Add($"Feature flag '{name}' is missing `type`. Add `type:` with one of: {TypeList}.");
                return null;
            }

            if (!value.IsScalar)
            {
                problems.Add($"Feature flag '{name}' type must be a string, not {value.Describe()}. Use one of: {TypeList}.");
                return null;
            }

            if (value.Kind == YamlValueKind.String && DefinitionType.TryGet(value.Text, out var type))
            {
                return type;
            }

            // GitLab retired the catch-all 'development' type; files copied from older GitLab versions still carry it.
            var hint = value.Text == "development" ? " GitLab retired 'development': use gitlab_com_derisk, wip or beta instead." : string.Empty;
            problems.Add($"Feature flag '{name}' type '{value.Text}' is invalid. Valid types are: {TypeList}.{hint}");
            return null;
        }

        private void CheckPath(DefinitionType? type)
        {
            if (!string.Equals(Path.GetExtension(path), Extension, StringComparison.Ordinal))
            {
                problems.Add(
                    $"Feature flag '{name}' has an invalid path: '{ShownPath}'. GitLab reads only {Extension} files: rename it to '{name}{Extension}'.");
            }
            else if (!string.Equals(FileStem, name, StringComparison.Ordinal))
            {
                problems.Add(
                    $"Feature flag '{name}' has an invalid path: '{ShownPath}'. The file must be named after the flag: rename it to '{name}{Extension}', or correct `name`.");
            }

            // GitLab checks the folder only once the type is known to be valid; so do we.
            var folder = Path.GetFileName(Path.GetDirectoryName(path));
            if (type is not null && !string.Equals(folder, type.Name, StringComparison.Ordinal))
            {
                var expected = Shown(Path.Combine(definitionsRoot, type.Name, name + Extension), displayBase);
                problems.Add(
                    $"Feature flag '{name}' has an invalid path: '{ShownPath}'. A '{type.Name}' flag belongs in a folder named '{type.Name}': move it to '{expected}', or correct `type`.");
            }
        }

        private bool? CheckDefaultEnabled()
        {
            if (!fields.TryGetValue(DefinitionFields.DefaultEnabled, out var value) || value.Kind == YamlValueKind.Null)
            {
                problems.Add($"Feature flag '{name}' is missing `default_enabled`. Add `default_enabled: false`: new flags start off.");
                return null;
            }

            if (value.Kind != YamlValueKind.Boolean)
            {
                problems.Add(
                    $"Feature flag '{name}' default_enabled must be a boolean, not {value.Describe()}. Write `default_enabled: false` or `default_enabled: true`, without quotes.");
                return null;
            }

            return value.Boolean;
        }

        private string? CheckMilestone()
        {
            if (!fields.TryGetValue(DefinitionFields.Milestone, out var value) || value.IsBlank)
            {
                problems.Add($"Feature flag '{name}' is missing `milestone`. Add the milestone that introduced it, quoted, e.g. `milestone: '17.9'`.");
                return null;
            }

            if (value.Kind != YamlValueKind.String)
            {
                // An unquoted 17.9 is a float to YAML (and 17.10 would even become 17.1); quoting keeps the text.
                var fix = value.IsScalar && value.Kind != YamlValueKind.Tagged
                    ? $"YAML reads an unquoted {value.Text} as {value.Describe()}: quote it, `milestone: '{value.Text}'`."
                    : $"It is {value.Describe()}: write it as quoted text, e.g. `milestone: '17.9'`.";
                problems.Add($"Feature flag '{name}' milestone must be a string. {fix}");
                return null;
            }

            return value.Text;
        }

        // Vexil's own field: absent or null means the type's lifetime applies; the only other value is `permanent`.
        private bool CheckLifecycle()
        {
            if (!fields.TryGetValue(DefinitionFields.Lifecycle, out var value) || value.Kind == YamlValueKind.Null)
            {
                return false;
            }

            if (value.Kind == YamlValueKind.String && value.Text == DefinitionFields.PermanentLifecycle)
            {
                return true;
            }

            problems.Add(
                $"Feature flag '{name}' lifecycle must be `{DefinitionFields.PermanentLifecycle}`, not {value.Describe()}. Write `lifecycle: {DefinitionFields.PermanentLifecycle}` to keep the flag out of stale-flag reports, or remove the field to let its type's lifetime apply.");
            return false;
        }

        private string? RequiredString(string field, string whatToAdd)
        {
            if (!fields.TryGetValue(field, out var value) || value.IsBlank)
            {
                problems.Add($"Feature flag '{name}' is missing `{field}`. {whatToAdd}");
                return null;
            }

            return StringOrProblem(field, value);
        }

        private string? OptionalString(string field) =>
            fields.TryGetValue(field, out var value) && value.Kind != YamlValueKind.Null ? StringOrProblem(field, value) : null;

        private string? StringOrProblem(string field, YamlValue value)
        {
            if (value.Kind == YamlValueKind.String)
            {
                return value.Text;
            }

            var fix = value.IsScalar ? "Put the value in quotes." : "Write it as text on one line, in quotes if it contains ': '.";
            problems.Add($"Feature flag '{name}' {field} must be a string, not {value.Describe()}. {fix}");
            return null;
        }

        private bool? OptionalBoolean(string field)
        {
            if (!fields.TryGetValue(field, out var value) || value.Kind == YamlValueKind.Null)
            {
                return null;
            }

            if (value.Kind == YamlValueKind.Boolean)
            {
                return value.Boolean;
            }

            problems.Add($"Feature flag '{name}' {field} must be a boolean, not {value.Describe()}. Write `{field}: true` or `{field}: false`, without quotes, or remove it.");
            return null;
        }
    }
}
