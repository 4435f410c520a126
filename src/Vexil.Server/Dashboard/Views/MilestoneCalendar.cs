using System.Globalization;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// When a GitLab milestone shipped, to tell a flag past its type's lifetime. GitLab releases monthly and each major
/// starts in May (16.0 in May 2023, 17.0 in May 2024), so milestone <c>M.m</c> is month <c>m</c> after May of year
/// <c>2007 + M</c>. Written here because no library knows GitLab's release calendar; a milestone that does not parse
/// is simply not judged.
/// </summary>
public static class MilestoneCalendar
{
    /// <summary>The first day of the milestone's release month, or null when the text is not <c>major.minor</c>.</summary>
    public static DateOnly? ReleaseMonth(string? milestone)
    {
        var parts = (milestone ?? string.Empty).Trim().Split('.');
        if (parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major is < 1 or > 999 || minor > 24)
        {
            return null;
        }

        return new DateOnly(2007 + major, 5, 1).AddMonths(minor);
    }

    /// <summary>True when a flag introduced in <paramref name="milestone"/> has outlived <paramref name="lifetimeMonths"/> by <paramref name="today"/>.</summary>
    public static bool IsPastLifetime(string? milestone, int? lifetimeMonths, DateOnly today) =>
        lifetimeMonths is { } months && ReleaseMonth(milestone) is { } released && released.AddMonths(months) < today;
}
