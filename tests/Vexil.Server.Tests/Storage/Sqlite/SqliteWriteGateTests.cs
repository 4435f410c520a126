using Vexil.Server.Auth;
using Vexil.Server.ChatOps.Replays.Sqlite;
using Vexil.Server.Incidents.Sqlite;
using Vexil.Server.Notifications.Deliveries.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Storage.Sqlite;

/// <summary>
/// Every SQLite writer of a process queues on the one write gate of the <see cref="SqliteDatabase"/> handle, whatever
/// its store: a write of one store never meets another store's write of the same process on the file lock (where it
/// would spend its busy timeout), it waits its turn in the process.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    // Long enough for an ungated write to a fresh file to finish on a busy machine, so a write still pending after it is
    // waiting on the gate. Only a lower bound: a slower machine can hide a missing gate, never fail a working one.
    private static readonly TimeSpan Unblocked = TimeSpan.FromMilliseconds(500);

    private readonly SqliteTestDatabase database = new("vexil-gate-");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => await new SqliteFlagStore(database.Handle).InitializeAsync(Cancel);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => database.DropAsync();

    public static TheoryData<string> Writers() => ["audit record", "token", "incident", "change lock", "delivery prune", "seen request"];

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task A_write_of_any_store_waits_for_the_process_write_gate(string writer)
    {
        var gate = await database.Handle.EnterWriteGateAsync(Cancel);
        var write = Write(writer);

        var first = await Task.WhenAny(write, Task.Delay(Unblocked, Cancel));
        Assert.NotSame(write, first);

        gate.Dispose();
        await write;
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_gate_leaves_the_gate_to_the_next_writer()
    {
        using (await database.Handle.EnterWriteGateAsync(Cancel))
        {
            using var cancelled = new CancellationTokenSource();
            var waiting = database.Handle.EnterWriteGateAsync(cancelled.Token);
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        var incident = await new SqliteIncidentStore(database.Handle).OpenIncidentAsync("after", 2, "alice", Cancel);
        Assert.Equal("after", incident.Title);
    }

    private Task Write(string writer)
    {
        var handle = database.Handle;
        var now = DateTimeOffset.UtcNow;
        return writer switch
        {
            "audit record" => new SqliteFlagStore(handle).AppendRecordAsync(
                new AuditRecord(0, AuditKinds.Attempt, now, "staging", "gate_flag", "enable", "alice", ChangeChannels.Cli, null, null, null, "refused", new Dictionary<string, string>()),
                Cancel),
            "token" => new SqliteTokenStore(handle).CreateAsync(
                new NewToken("gate", TokenKind.Read, [], TokenHasher.Hash(TokenHasher.NewSecret()), "alice"),
                Cancel),
            "incident" => new SqliteIncidentStore(handle).OpenIncidentAsync("gate", 2, "alice", Cancel),
            "change lock" => new SqliteIncidentStore(handle).AddChangeLockAsync(
                new Vexil.Server.Incidents.NewChangeLock("gate", now, now.AddHours(1), [], "alice"),
                Cancel),
            "delivery prune" => new SqliteDeliveryStore(handle).PruneAsync(now, Cancel),
            "seen request" => new SqliteSeenRequestStore(handle).TryRecordAsync("slack", "gate", now.AddMinutes(5), Cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(writer), writer, "no such writer"),
        };
    }
}
