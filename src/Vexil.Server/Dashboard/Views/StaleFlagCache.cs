using Microsoft.Extensions.Logging;
using Vexil.Server.Lifecycle;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// The stale flags as the lifecycle's <see cref="StaleFlagFinder"/> judges them (the list of <c>GET /api/v1/flags/stale</c>),
/// kept for <see cref="MaxAge"/> so that the overview does not ask the database once per flag on every render (the
/// finder reads each flag's last change from the audit trail). One judgement runs at a time; pages that arrive while it
/// runs wait for it rather than start their own. The unfiltered overview never waits: it marks what the last judgement
/// found (<see cref="Peek"/>) and lets a new one run in the background, so the speed target holds however many flags.
/// </summary>
public sealed partial class StaleFlagCache(StaleFlagFinder finder, TimeProvider clock, ILogger<StaleFlagCache> logger)
{
    /// <summary>How long a judgement is used before the next page asks for a new one.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Judgement? latest;

    /// <summary>The stale flags, by name, judged at most <see cref="MaxAge"/> ago.</summary>
    public async Task<IReadOnlyDictionary<string, StaleFlag>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } judged)
            {
                return judged;
            }

            var at = clock.GetUtcNow();
            var flags = (await finder.FindAsync(cancellationToken)).ToDictionary(flag => flag.Name, StringComparer.Ordinal);
            latest = new Judgement(at, flags);
            return flags;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The last judgement, however old, or null before the first; when it is older than <see cref="MaxAge"/> (or missing)
    /// a new one starts in the background for the next page.
    /// </summary>
    public IReadOnlyDictionary<string, StaleFlag>? Peek()
    {
        var last = latest;
        if (Fresh() is null && gate.CurrentCount > 0)
        {
            _ = RefreshInBackgroundAsync();
        }

        return last?.Flags;
    }

    /// <summary>Forgets the judgement, so the next page judges again (tests, and after a change the page made itself).</summary>
    public void Invalidate() => latest = null;

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await GetAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Only the marks wait for the next try; the stale filter, which awaits, reports its own failure.
            LogRefreshFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not judge which flags are stale; the overview's stale marks wait for the next try.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private IReadOnlyDictionary<string, StaleFlag>? Fresh() =>
        latest is { } judgement && clock.GetUtcNow() - judgement.At < MaxAge ? judgement.Flags : null;

    private sealed record Judgement(DateTimeOffset At, IReadOnlyDictionary<string, StaleFlag> Flags);
}
