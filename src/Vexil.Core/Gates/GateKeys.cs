namespace Vexil.Core.Gates;

/// <summary>
/// The gate keys as GitLab's Features API and Flipper name them. Every place that writes or reads a gate by name (the
/// stored state, the GitLab API, the command answers, the native check) uses these, so they cannot drift apart.
/// </summary>
public static class GateKeys
{
    /// <summary>On for everyone.</summary>
    public const string Boolean = "boolean";

    /// <summary>On for listed actors (flipper ids).</summary>
    public const string Actors = "actors";

    /// <summary>On for members of listed feature groups.</summary>
    public const string Groups = "groups";

    /// <summary>On for a stable percentage of actors.</summary>
    public const string PercentageOfActors = "percentage_of_actors";

    /// <summary>On for a percentage of checks, drawn again each time.</summary>
    public const string PercentageOfTime = "percentage_of_time";
}
