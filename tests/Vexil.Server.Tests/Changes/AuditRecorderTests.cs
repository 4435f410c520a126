using Microsoft.Extensions.Logging;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Changes;

/// <summary>Recording an audit record never fails the answer, and never holds it back longer than its bound.</summary>
public sealed class AuditRecorderTests
{
    private static readonly AuditRecord Attempt = new(
        0, AuditKinds.Attempt, default, "production", "duo_chat_multi_thread", "enable", "alice", ChangeChannels.Chat, "#general", "r1", "Refused", "Unable to proceed ...", new Dictionary<string, string>());

    [Fact]
    public async Task A_store_error_is_logged_not_thrown()
    {
        var logger = new RecordingLogger<AuditRecorder>();
        var recorder = new AuditRecorder(new RecordStore(_ => Task.FromException<long>(new InvalidOperationException("disk full"))), TimeProvider.System, logger);

        await recorder.RecordAsync(Attempt);

        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains("Could not record the attempt of alice via chat", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_is_left_behind_after_the_bound()
    {
        var never = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var timers = new ExpiringTimeProvider();
        var logger = new RecordingLogger<AuditRecorder>();
        var recorder = new AuditRecorder(new RecordStore(_ => never.Task), timers, logger);

        await recorder.RecordAsync(Attempt);

        Assert.Equal(AuditRecorder.MaxWait, Assert.Single(timers.DueTimes));
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("audit store is slow", StringComparison.Ordinal));
        never.SetResult(1);
    }

    [Fact]
    public async Task Records_are_stamped_with_the_time_they_are_recorded()
    {
        AuditRecord? written = null;
        var clock = new Storage.ManualTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var recorder = new AuditRecorder(new RecordStore(record => { written = record; return Task.FromResult(1L); }), clock, new RecordingLogger<AuditRecorder>());

        await recorder.RecordAsync(Attempt);

        Assert.Equal(clock.GetUtcNow(), written!.OccurredAt);
    }

    // Every timer it makes fires at once (on the thread pool), as if its time had passed; it remembers the due times.
    private sealed class ExpiringTimeProvider : TimeProvider
    {
        public List<TimeSpan> DueTimes { get; } = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            DueTimes.Add(dueTime);
            _ = Task.Run(() => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    // A store that only appends records, the way the test says.
    private sealed class RecordStore(Func<AuditRecord, Task<long>> append) : IFlagStore
    {
        public string Provider => "test";

        public Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default) => append(record);

        public Task InitializeAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
