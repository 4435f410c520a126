using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Vexil.Server.Storage.Migrations;

/// <summary>
/// The schema scripts compiled into this assembly (<c>Storage/Migrations/&lt;provider&gt;/NNNN_name.sql</c>, embedded
/// by the project file), per provider and in version order. Embedding them means a deployed server always carries
/// exactly the schema it was built for.
/// </summary>
internal static partial class MigrationCatalog
{
    /// <summary>The scripts for a provider folder (<c>sqlite</c> or <c>postgres</c>), ordered by version.</summary>
    public static IReadOnlyList<Migration> For(string provider)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var marker = $".Storage.Migrations.{provider}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[(at + marker.Length)..^".sql".Length];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration '{resource}' is not named NNNN_name.sql; rename it so the runner knows its version.");
            }

            var version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, match.Groups["name"].Value, Read(assembly, resource)));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Versions are 1, 2, 3, ... with no gaps, so a missing or doubled file is caught at build-test time.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"The {provider} migrations are not numbered 1, 2, 3, ... (found version {migrations[i].Version} at position {i + 1}); renumber them.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^(?<version>[0-9]{4})_(?<name>[a-z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
