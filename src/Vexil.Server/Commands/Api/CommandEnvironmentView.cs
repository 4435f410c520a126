using Vexil.Server.Commands.Results;

namespace Vexil.Server.Commands.Api;

/// <summary>One environment's outcome in the JSON answer of <c>POST /api/v1/commands</c>.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Status"><c>changed</c>, <c>unchanged</c>, <c>shown</c>, <c>not_found</c>, <c>refused</c> or <c>skipped</c>.</param>
/// <param name="Message">The sentence for this environment, if any.</param>
/// <param name="Flag">The flag's summary, if any.</param>
/// <param name="List">The list, if any.</param>
public sealed record CommandEnvironmentView(string Environment, string Status, string? Message, FlagSummary? Flag, FlagListing? List)
{
    /// <summary>The view of a result.</summary>
    public static CommandEnvironmentView Of(EnvironmentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = result.Status switch
        {
            EnvironmentStatus.NotFound => "not_found",
            _ => result.Status.ToString().ToLowerInvariant(),
        };
        return new CommandEnvironmentView(result.Environment, status, result.Message, result.Flag, result.Listing);
    }
}
