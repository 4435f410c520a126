using System.Globalization;
using System.Text.RegularExpressions;

namespace Vexil.Server.Repository;

/// <summary>
/// A branch or tag name with version placeholders (<c>{major}-{minor}-stable-ee</c>, <c>v{major}.{minor}.{patch}-ee</c>):
/// it formats a version into a name and reads a version back out of a name.
/// </summary>
public sealed class VersionPattern
{
    /// <summary>The placeholders of a stable branch.</summary>
    public static readonly IReadOnlyList<string> MajorMinor = ["{major}", "{minor}"];

    /// <summary>The placeholders of a release tag.</summary>
    public static readonly IReadOnlyList<string> MajorMinorPatch = ["{major}", "{minor}", "{patch}"];

    private readonly string pattern;
    private readonly Regex regex;

    /// <summary>Creates the pattern; call <see cref="Problem"/> first on configured text.</summary>
    public VersionPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        this.pattern = pattern;
        var expression = Regex.Escape(pattern)
            .Replace(@"\{major}", @"(?<major>\d+)", StringComparison.Ordinal)
            .Replace(@"\{minor}", @"(?<minor>\d+)", StringComparison.Ordinal)
            .Replace(@"\{patch}", @"(?<patch>\d+)", StringComparison.Ordinal);
        regex = new Regex($"^{expression}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>What is wrong with a configured pattern (a phrase that follows the key), or null.</summary>
    public static string? Problem(string? pattern, IReadOnlyList<string> placeholders)
    {
        ArgumentNullException.ThrowIfNull(placeholders);
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "is empty; set a name with " + string.Join(", ", placeholders);
        }

        var missing = placeholders.Where(p => !pattern.Contains(p, StringComparison.Ordinal)).ToArray();
        return missing.Length == 0 ? null : $"'{pattern}' lacks {string.Join(" and ", missing)}; write each placeholder once";
    }

    /// <summary>The name for a version, e.g. <c>17-9-stable-ee</c>.</summary>
    public string Format(int major, int minor, int patch = 0) => pattern
        .Replace("{major}", major.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{minor}", minor.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{patch}", patch.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The version in a name that matches the pattern, or null.</summary>
    public Version? Match(string name)
    {
        var match = regex.Match(name);
        if (!match.Success)
        {
            return null;
        }

        static int Part(Match m, string group) =>
            m.Groups[group].Success && int.TryParse(m.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return new Version(Part(match, "major"), Part(match, "minor"), Part(match, "patch"));
    }
}
