using Microsoft.Extensions.Options;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>Checks <c>Vexil:Stream</c> at start-up, so a setting out of range stops the server before it listens.</summary>
internal sealed class StreamOptionsValidator : IValidateOptions<StreamOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StreamOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"{StreamOptions.Section}:HeartbeatInterval is {options.HeartbeatInterval}; set a positive interval such as 00:00:15.");
        }

        if (options.History < 1)
        {
            failures.Add($"{StreamOptions.Section}:History is {options.History}; set at least 1 (changes kept per environment for Last-Event-ID resumes).");
        }

        if (options.MaxQueuedEvents < 1)
        {
            failures.Add($"{StreamOptions.Section}:MaxQueuedEvents is {options.MaxQueuedEvents}; set at least 1 (events a slow subscriber may have waiting).");
        }

        if (options.MaxPerToken < 1 || options.MaxPerAddress < 1)
        {
            failures.Add($"{StreamOptions.Section}:MaxPerToken is {options.MaxPerToken} and MaxPerAddress is {options.MaxPerAddress}; set both to at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
