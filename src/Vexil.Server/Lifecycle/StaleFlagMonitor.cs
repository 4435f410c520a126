using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// Looks for flags that became stale every <see cref="LifecycleOptions.CheckInterval"/> and announces each one once. The
/// announcement is recorded in the audit trail (<see cref="AuditKinds.FlagStale"/>) before it is sent, so a restart, a
/// second replica's next check or a flag that stays stale for months never announces it again: at most once, durably.
/// </summary>
public sealed class StaleFlagMonitor(
    StaleFlagFinder finder,
    IFlagStore store,
    IEnumerable<IStaleFlagAnnouncer> announcers,
    IOptionsMonitor<LifecycleOptions> options,
    TimeProvider time,
    ILogger<StaleFlagMonitor> logger) : BackgroundService
{
    /// <summary>One check: announces the flags that are stale and were never announced; returns them.</summary>
    public async Task<IReadOnlyList<StaleFlag>> CheckAsync(CancellationToken cancellationToken)
    {
        var announced = new List<StaleFlag>();
        foreach (var flag in await finder.FindAsync(cancellationToken))
        {
            if (await WasAnnouncedAsync(flag.Name, cancellationToken))
            {
                continue;
            }

            await store.AppendRecordAsync(
                new AuditRecord(
                    0,
                    AuditKinds.FlagStale,
                    time.GetUtcNow(),
                    null,
                    flag.Name,
                    null,
                    "vexil",
                    ChangeChannels.Api,
                    null,
                    null,
                    $"Feature flag '{flag.Name}' is stale",
                    null,
                    flag.Reasons.ToDictionary(reason => reason.Rule, reason => reason.Evidence, StringComparer.Ordinal)),
                cancellationToken);
            foreach (var announcer in announcers)
            {
                // Each announcer on its own: the team channel being down must not cost the rollout issue its note.
                try
                {
                    await announcer.AnnounceAsync(flag, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "{Announcer} could not announce stale flag {Flag}", announcer.GetType().Name, flag.Name);
                }
            }

            announced.Add(flag);
        }

        return announced;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(options.CurrentValue.FirstCheckAfter, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var announced = await CheckAsync(stoppingToken);
                if (announced.Count > 0)
                {
                    logger.LogInformation("Announced {Count} newly stale flags: {Flags}", announced.Count, string.Join(", ", announced.Select(flag => flag.Name)));
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next check tries again; a database outage must not end the monitor for good.
                logger.LogWarning(exception, "The stale-flag check failed; trying again in {Interval}", options.CurrentValue.CheckInterval);
            }

            await Task.Delay(options.CurrentValue.CheckInterval, time, stoppingToken);
        }
    }

    private async Task<bool> WasAnnouncedAsync(string flag, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var entries = await store.QueryAuditAsync(new AuditQuery(Flag: flag, Page: page, PageSize: AuditQuery.MaxPageSize, IncludeRecords: true), cancellationToken);
            if (entries.Entries.Any(entry => entry.Kind == AuditKinds.FlagStale))
            {
                return true;
            }

            if ((long)page * AuditQuery.MaxPageSize >= entries.Total)
            {
                return false;
            }
        }
    }
}
