using Microsoft.Extensions.Options;

namespace Vexil.Server.Api.Ofrep;

/// <summary>Checks <c>Vexil:Ofrep</c> at start-up, so a setting out of range stops the server before it listens.</summary>
internal sealed class OfrepOptionsValidator : IValidateOptions<OfrepOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OfrepOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"{OfrepOptions.Section}:HeartbeatInterval is {options.HeartbeatInterval}; set a positive interval such as 00:00:15.");
        }

        if (options.MaxActors < 1)
        {
            failures.Add($"{OfrepOptions.Section}:MaxActors is {options.MaxActors}; set at least 1.");
        }

        if (options.InactivityDelaySeconds < 1)
        {
            failures.Add($"{OfrepOptions.Section}:InactivityDelaySeconds is {options.InactivityDelaySeconds}; set at least 1.");
        }

        if (options.EventStreams.MaxPerToken < 1 || options.EventStreams.MaxPerAddress < 1)
        {
            failures.Add(
                $"{OfrepOptions.Section}:EventStreams:MaxPerToken is {options.EventStreams.MaxPerToken} and MaxPerAddress is {options.EventStreams.MaxPerAddress}; set both to at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
