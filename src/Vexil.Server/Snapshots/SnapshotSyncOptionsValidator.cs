using Microsoft.Extensions.Options;

namespace Vexil.Server.Snapshots;

/// <summary>Stops the start when a <c>Vexil:Sync</c> interval is not a positive time span, or the reconnect cap is below the first wait.</summary>
internal sealed class SnapshotSyncOptionsValidator : IValidateOptions<SnapshotSyncOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SnapshotSyncOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(SnapshotSyncOptions.PollInterval), options.PollInterval, "00:00:01");
        Positive(failures, nameof(SnapshotSyncOptions.ReconnectDelay), options.ReconnectDelay, "00:00:01");
        Positive(failures, nameof(SnapshotSyncOptions.MaxReconnectDelay), options.MaxReconnectDelay, "00:00:30");
        if (options.ReconnectDelay > TimeSpan.Zero && options.MaxReconnectDelay > TimeSpan.Zero && options.MaxReconnectDelay < options.ReconnectDelay)
        {
            failures.Add(
                $"{SnapshotSyncOptions.Section}:MaxReconnectDelay ({options.MaxReconnectDelay}) is shorter than {SnapshotSyncOptions.Section}:ReconnectDelay ({options.ReconnectDelay}); set it to at least the first wait.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{SnapshotSyncOptions.Section}:{key} is {value}; set it to a positive time span, e.g. {example}.");
        }
    }
}
