using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vexil.Definitions;

/// <summary>
/// A YAML node resolved to a kind. YamlDotNet hands back scalars as text; GitLab reads definitions with Ruby's Psych,
/// which turns an unquoted <c>17.9</c> into a float and <c>yes</c> into true. To reject exactly what GitLab rejects
/// (e.g. "milestone must be a string"), plain scalars are resolved here with Psych's YAML 1.1 rules.
/// </summary>
internal readonly partial record struct YamlValue(YamlValueKind Kind, string Text, bool Boolean = false)
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>True for null and for text that is empty or only whitespace: what Rails calls blank.</summary>
    public bool IsBlank => Kind == YamlValueKind.Null || (Kind == YamlValueKind.String && string.IsNullOrWhiteSpace(Text));

    /// <summary>True for values written on one line (everything but mappings and lists).</summary>
    public bool IsScalar => Kind is not (YamlValueKind.Mapping or YamlValueKind.Sequence);

    /// <summary>Resolves a node from YamlDotNet's representation model.</summary>
    public static YamlValue From(YamlNode node) => node switch
    {
        YamlMappingNode => new(YamlValueKind.Mapping, node.ToString()),
        YamlSequenceNode => new(YamlValueKind.Sequence, node.ToString()),
        YamlScalarNode scalar => FromScalar(scalar),
        _ => new(YamlValueKind.Tagged, node.ToString()),
    };

    /// <summary>Describes the value for an error message, e.g. "the number 17.9" or "a mapping".</summary>
    public string Describe() => Kind switch
    {
        YamlValueKind.Null => "empty",
        YamlValueKind.Boolean => $"the boolean {Text}",
        YamlValueKind.Integer or YamlValueKind.Float => $"the number {Text}",
        YamlValueKind.Timestamp => $"the date {Text}",
        YamlValueKind.String => $"the string '{Text}'",
        YamlValueKind.Mapping => "a mapping",
        YamlValueKind.Sequence => "a list",
        _ => $"the tagged value {Text}",
    };

    private static YamlValue FromScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;

        if (!scalar.Tag.IsEmpty)
        {
            return FromTagged(scalar.Tag.Value, text);
        }

        // Quoted and block scalars are always text; only plain ones are open to interpretation.
        return scalar.Style == YamlDotNet.Core.ScalarStyle.Plain ? ResolvePlain(text) : new(YamlValueKind.String, text);
    }

    private static YamlValue FromTagged(string tag, string text)
    {
        // "!" is YAML's non-specific tag: it forces text.
        if (tag == "!")
        {
            return new(YamlValueKind.String, text);
        }

        if (!tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            return new(YamlValueKind.Tagged, $"{tag} {text}");
        }

        var resolved = ResolvePlain(text);
        return tag[CoreTagPrefix.Length..] switch
        {
            "str" => new(YamlValueKind.String, text),
            "null" when resolved.Kind == YamlValueKind.Null => resolved,
            "bool" when resolved.Kind == YamlValueKind.Boolean => resolved,
            "int" when resolved.Kind == YamlValueKind.Integer => resolved,
            "float" when resolved.Kind is YamlValueKind.Float or YamlValueKind.Integer => resolved with { Kind = YamlValueKind.Float },
            "timestamp" when resolved.Kind == YamlValueKind.Timestamp => resolved,
            _ => new(YamlValueKind.Tagged, $"!!{tag[CoreTagPrefix.Length..]} {text}"),
        };
    }

    /// <summary>Psych's order of checks for an untagged plain scalar (Psych::ScalarScanner#tokenize), kept to what definitions need.</summary>
    private static YamlValue ResolvePlain(string text)
    {
        if (text.Length == 0 || text == "~" || text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return new(YamlValueKind.Null, text);
        }

        if (IsOneOf(text, "true", "yes", "on"))
        {
            return new(YamlValueKind.Boolean, text, Boolean: true);
        }

        if (IsOneOf(text, "false", "no", "off"))
        {
            return new(YamlValueKind.Boolean, text, Boolean: false);
        }

        // Numbers, dates and .inf/.nan start with a digit, a sign or a dot; anything else is text (as in Psych).
        if (!char.IsAsciiDigit(text[0]) && text[0] is not ('+' or '-' or '.'))
        {
            return new(YamlValueKind.String, text);
        }

        if (TimestampPattern().IsMatch(text) || DatePattern().IsMatch(text))
        {
            return new(YamlValueKind.Timestamp, text);
        }

        if (SpecialFloatPattern().IsMatch(text) || SexagesimalFloatPattern().IsMatch(text)
            || (FloatPattern().IsMatch(text) && text.Any(char.IsAsciiDigit)))
        {
            return new(YamlValueKind.Float, text);
        }

        if (IntegerPattern().IsMatch(text) || SexagesimalIntegerPattern().IsMatch(text))
        {
            return new(YamlValueKind.Integer, text);
        }

        return new(YamlValueKind.String, text);
    }

    private static bool IsOneOf(string text, params ReadOnlySpan<string> words)
    {
        foreach (var word in words)
        {
            if (text.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:[-+]?\.inf|\.nan)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SpecialFloatPattern();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}\.[0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SexagesimalFloatPattern();

    [GeneratedRegex(@"^[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[0-9a-fA-F_,]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SexagesimalIntegerPattern();
}
