using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// Appends the audit facts that are not changes (<see cref="AuditRecord"/>): refused attempts, tokens, incidents and
/// change locks. Recording must never turn a refusal into an error nor hold the answer back: a store error is logged,
/// and a store slower than <see cref="MaxWait"/> is left to finish (or fail, logged) in the background.
/// </summary>
public sealed class AuditRecorder(IFlagStore store, TimeProvider time, ILogger<AuditRecorder> logger)
{
    /// <summary>The longest an answer waits for its audit record to be written.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Records an attempt a guard rail refused, one record per refused environment.</summary>
    public Task RecordAttemptAsync(FlagChange change, string guard, IReadOnlyDictionary<string, string> refusals)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(refusals);
        var environments = string.Join(",", change.Requests.Select(request => request.Environment));
        var records = change.Requests
            .Where(request => refusals.ContainsKey(request.Environment))
            .Select(request =>
            {
                var details = new Dictionary<string, string>(request.Origin.Details, StringComparer.Ordinal)
                {
                    ["guard"] = guard,
                    ["environments"] = environments,
                };
                details.TryAdd("value", change.Value);
                return new AuditRecord(
                    0,
                    AuditKinds.Attempt,
                    default,
                    request.Environment,
                    request.Flag,
                    request.Action,
                    request.Origin.User,
                    request.Origin.Via,
                    request.Origin.From,
                    request.Origin.RequestId,
                    $"Refused: feature flag '{request.Flag}' {(request.Delete ? "delete" : $"set to '{change.Value}'")} on {request.Environment}",
                    refusals[request.Environment],
                    details);
            })
            .ToArray();
        return RecordAsync(records);
    }

    /// <summary>Records audit facts (stamped now), waiting at most <see cref="MaxWait"/>; never throws for a store error.</summary>
    public async Task RecordAsync(params AuditRecord[] records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Length == 0)
        {
            return;
        }

        var now = AuditClock.Now(time);
        var writing = WriteAsync(records.Select(record => record with { OccurredAt = now }).ToArray());
        try
        {
            await writing.WaitAsync(MaxWait, time);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("The audit store is slow: answering before the {Kind} record of {Flag} is written", records[0].Kind, records[0].Flag);
        }
    }

    // Never throws: the answer to the caller matters more than the record, and the log keeps what was lost.
    private async Task WriteAsync(AuditRecord[] records)
    {
        foreach (var record in records)
        {
            try
            {
                // Not tied to the caller's request: a client that hangs up does not erase its attempt.
                await store.AppendRecordAsync(record, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogError(
                    exception,
                    "Could not record the {Kind} of {User} via {Via} ({Flag} on {Environment}: {Refusal}) in the audit trail",
                    record.Kind,
                    record.User,
                    record.Via,
                    record.Flag,
                    record.Environment,
                    record.Refusal);
            }
        }
    }
}
