using System.Globalization;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>
/// How the SQLite store keeps instants: UTC text with six decimals and a Z, e.g. <c>2025-01-31T09:15:00.123456Z</c>.
/// Fixed width means text order is time order, so range filters and ORDER BY work on the column as it is.
/// </summary>
internal static class SqliteTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Formats an instant in UTC.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Parses text written by <see cref="Format(DateTimeOffset)"/>.</summary>
    public static DateTimeOffset Parse(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));
}
