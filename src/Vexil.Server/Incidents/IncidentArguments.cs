namespace Vexil.Server.Incidents;

/// <summary>
/// Argument checks shared by every <see cref="IIncidentStore"/>, so each backend refuses the same mistakes with the
/// same sentences before it touches the database. The HTTP endpoints check the same rules first, with messages for
/// people; these guard every other caller.
/// </summary>
internal static class IncidentArguments
{
    /// <summary>Longest title accepted.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest reason accepted.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Longest name of a person accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Checks the arguments of <see cref="IIncidentStore.OpenIncidentAsync"/>.</summary>
    public static void ValidateIncident(string title, int severity, string openedBy)
    {
        RequireText(title, "title", MaxTitleLength, nameof(title));
        RequireText(openedBy, "opener's name", MaxNameLength, nameof(openedBy));
        if (severity is < Incident.HighestSeverity or > Incident.LowestSeverity)
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "An incident's severity is 1 (critical) to 4 (low).");
        }
    }

    /// <summary>Checks a change lock.</summary>
    public static void ValidateChangeLock(NewChangeLock changeLock)
    {
        ArgumentNullException.ThrowIfNull(changeLock);
        ArgumentNullException.ThrowIfNull(changeLock.Environments, nameof(changeLock));
        RequireText(changeLock.Reason, "reason", MaxReasonLength, nameof(changeLock));
        RequireText(changeLock.CreatedBy, "creator's name", MaxNameLength, nameof(changeLock));
        if (changeLock.EndsAt <= changeLock.StartsAt)
        {
            throw new ArgumentException("A change lock must end after it starts: set EndsAt later than StartsAt.", nameof(changeLock));
        }

        if (changeLock.Environments.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A change lock's environments must be canonical names, not empty entries.", nameof(changeLock));
        }
    }

    /// <summary>Checks a closer's name.</summary>
    public static void ValidateCloser(string closedBy) => RequireText(closedBy, "closer's name", MaxNameLength, nameof(closedBy));

    /// <summary>An instant cut to whole microseconds in UTC, which is all PostgreSQL keeps, so both stores return equal values.</summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    private static void RequireText(string? value, string what, int maxLength, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {what} is empty: send a few words.", parameterName);
        }

        if (value.Length > maxLength)
        {
            throw new ArgumentException($"The {what} is {value.Length} characters long; use at most {maxLength}.", parameterName);
        }
    }
}
