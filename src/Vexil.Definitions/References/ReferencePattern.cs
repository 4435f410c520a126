namespace Vexil.Definitions.References;

/// <summary>
/// One way code reads a flag, written as a template with one placeholder: <c>Feature.enabled?(:{name}</c>,
/// <c>gon.features.{camelName}</c>, <c>IsEnabled("{name}"</c>. The text before the placeholder is searched for; the name
/// that follows is read whole (so <c>my_flag_v2</c> never counts as <c>my_flag</c>); the text after it, when any, must
/// follow the name.
/// </summary>
public sealed record ReferencePattern
{
    /// <summary>The placeholder for the name as defined.</summary>
    public const string NamePlaceholder = "{name}";

    /// <summary>The placeholder for the name in lower camel case.</summary>
    public const string CamelNamePlaceholder = "{camelName}";

    private ReferencePattern(string template, string prefix, ReferenceNameForm form, string suffix)
    {
        Template = template;
        Prefix = prefix;
        Form = form;
        Suffix = suffix;
    }

    /// <summary>The template as written.</summary>
    public string Template { get; }

    /// <summary>The text that comes right before the name.</summary>
    public string Prefix { get; }

    /// <summary>How the name is written.</summary>
    public ReferenceNameForm Form { get; }

    /// <summary>The text that must come right after the name (may be empty).</summary>
    public string Suffix { get; }

    /// <summary>
    /// Reads a template. Returns null and the pattern, or a sentence saying what is wrong with it: it must hold exactly
    /// one placeholder, with at least three characters of fixed text before it (a shorter prefix would match almost
    /// every line of a large tree).
    /// </summary>
    public static string? TryParse(string? template, out ReferencePattern? pattern)
    {
        pattern = null;
        if (string.IsNullOrWhiteSpace(template))
        {
            return "A reference pattern is empty. Write one such as `Feature.enabled?(:{name}` or `gon.features.{camelName}`.";
        }

        var snake = template.IndexOf(NamePlaceholder, StringComparison.Ordinal);
        var camel = template.IndexOf(CamelNamePlaceholder, StringComparison.Ordinal);
        var placeholders = Count(template, NamePlaceholder) + Count(template, CamelNamePlaceholder);
        if (placeholders != 1)
        {
            return $"The reference pattern '{template}' must hold exactly one {NamePlaceholder} or {CamelNamePlaceholder}, where the flag's name goes; it holds {placeholders}.";
        }

        var (at, form, placeholder) = snake >= 0 ? (snake, ReferenceNameForm.Snake, NamePlaceholder) : (camel, ReferenceNameForm.Camel, CamelNamePlaceholder);
        var prefix = template[..at];
        if (prefix.Length < 3)
        {
            return $"The reference pattern '{template}' needs at least 3 characters before {placeholder} (such as `(:` after a method name), or it would match almost every line.";
        }

        pattern = new ReferencePattern(template, prefix, form, template[(at + placeholder.Length)..]);
        return null;
    }

    /// <summary>Reads a template that is known to be valid (the defaults); throws otherwise.</summary>
    public static ReferencePattern Parse(string template) =>
        TryParse(template, out var pattern) is { } problem ? throw new ArgumentException(problem, nameof(template)) : pattern!;

    /// <summary>
    /// The forms the issue and GitLab's code base use: Ruby (<c>Feature.enabled?</c>, <c>Feature.disabled?</c>,
    /// <c>feature_flag_enabled?</c>, <c>push_frontend_feature_flag</c>), JavaScript (<c>gon.features</c>,
    /// <c>glFeatures</c>), C# (the Vexil SDK's <c>IsEnabled</c> and <c>IsEnabledAsync</c>) and YAML
    /// (<c>feature_flag: name</c>). Definition files are found by their path, not by a pattern.
    /// </summary>
    public static IReadOnlyList<string> DefaultTemplates { get; } =
    [
        "Feature.enabled?(:{name}",
        "Feature.disabled?(:{name}",
        "feature_flag_enabled?(:{name}",
        "push_frontend_feature_flag(:{name}",
        "gon.features.{camelName}",
        "glFeatures.{camelName}",
        "IsEnabled(\"{name}\"",
        "IsEnabledAsync(\"{name}\"",
        "feature_flag: {name}",
    ];

    /// <summary>The default patterns, parsed.</summary>
    public static IReadOnlyList<ReferencePattern> Defaults { get; } = DefaultTemplates.Select(Parse).ToArray();

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
