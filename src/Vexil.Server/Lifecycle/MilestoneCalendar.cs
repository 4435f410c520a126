using System.Globalization;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// When a GitLab milestone was released, to start a flag's lifetime from its definition's <c>milestone</c>. Since 15.0
/// (May 2022) GitLab releases one minor version a month and each major in May: X.Y comes out in month
/// May(2022 + X - 15) + Y, on the third Thursday. Older or unreadable milestones give null: the lifetime is then not
/// known and the flag is not reported stale by age.
/// </summary>
public static class MilestoneCalendar
{
    private const int FirstRegularMajor = 15;

    /// <summary>The release date of <paramref name="milestone"/> (<c>17.9</c>), or null when it cannot be told.</summary>
    public static DateTimeOffset? ReleaseDate(string? milestone)
    {
        var parts = milestone?.Trim().Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major < FirstRegularMajor || major > 99 || minor > 11)
        {
            return null;
        }

        var month = new DateTime(2022 + (major - FirstRegularMajor), 5, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(minor);
        var firstThursday = month.AddDays(((int)DayOfWeek.Thursday - (int)month.DayOfWeek + 7) % 7);
        return new DateTimeOffset(firstThursday.AddDays(14), TimeSpan.Zero);
    }
}
