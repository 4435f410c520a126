using Vexil.Core.Gates;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// The audit titles of changes, after GitLab's feature-flag log issues ("Feature flag 'x' has been set to '50%' of
/// actors on staging"), for every door alike. A number is shown as its percentage ("50.0" and "050" both as "50"), so
/// the same change reads the same whoever made it and however they typed it.
/// </summary>
public static class ChangeTitles
{
    /// <summary>Longest value shown in a title; longer ones are cut with "...".</summary>
    public const int MaxValueLength = 40;

    /// <summary>The title of a set: <paramref name="ofActors"/> when the value is a percentage of actors.</summary>
    public static string Set(string flag, string value, bool ofActors, string environment)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = Normalize(value);
        return ofActors
            ? $"Feature flag '{flag}' has been set to '{shown}%' of actors on {environment}"
            : $"Feature flag '{flag}' has been set to '{shown}' on {environment}";
    }

    /// <summary>The title of a delete.</summary>
    public static string Deleted(string flag, string environment) => $"Feature flag '{flag}' has been deleted on {environment}";

    /// <summary>
    /// The title of a written change: the one its writer recorded, or, for an event written without one (set-up and
    /// imports), one built in the same style from the event's action.
    /// </summary>
    public static string Of(AuditEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!string.IsNullOrWhiteSpace(change.Title))
        {
            return change.Title;
        }

        return change.Action == "delete"
            ? Deleted(change.Flag, change.Environment)
            : $"Feature flag '{change.Flag}' has been changed ({change.Action}) on {change.Environment}";
    }

    /// <summary>A percentage in its shortest form ("50.0" -> "50"); any other text as written, cut to <see cref="MaxValueLength"/>.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && char.IsAsciiDigit(value[0]) && Percentage.TryParse(value, out var percentage) is null)
        {
            return percentage.ToString();
        }

        return value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "...");
    }
}
