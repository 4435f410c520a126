namespace Vexil.Server.Commands.Results;

/// <summary>A command's outcome in one environment.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Status">What happened there.</param>
public sealed record EnvironmentResult(string Environment, EnvironmentStatus Status)
{
    /// <summary>A sentence for this environment: the refusal, the delete confirmation, "does not exist", ...</summary>
    public string? Message { get; init; }

    /// <summary>The flag's state after the command (set, get), or null.</summary>
    public FlagSummary? Flag { get; init; }

    /// <summary>The list (list), or null.</summary>
    public FlagListing? Listing { get; init; }
}
