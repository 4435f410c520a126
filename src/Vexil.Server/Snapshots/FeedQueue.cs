using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace Vexil.Server.Snapshots;

/// <summary>
/// One subscriber's queue of live events: bounded, read by one consumer, written by the feed's publisher (under the
/// environment's lock) and the heartbeat timer. Consumers read it as any <see cref="ChannelReader{T}"/>.
/// </summary>
/// <remarks>
/// Idle change streams are held by the ten thousand (issue 13), and a bounded <see cref="Channel"/> costs about 0.7 KB
/// each before it holds anything: the channel, its reader and writer, a deque, and four reusable async operations. This
/// queue is one object with a small ring that grows only when events pile up, and one reusable wait for its single
/// reader, about a third of that. The semantics are the bounded channel's: <see cref="TryWrite"/> refuses when full
/// (or drops the oldest event when the queue coalesces), and once completed with an error the reader gets the items
/// still queued and then the error from <see cref="WaitToReadAsync"/>.
/// </remarks>
public sealed class FeedQueue : ChannelReader<FeedEvent>, IValueTaskSource<bool>
{
    // An idle stream's queue holds at most a heartbeat: start small and double up to the capacity.
    private const int InitialSize = 2;

    private readonly Lock sync = new();
    private readonly int capacity;
    private readonly bool dropsOldest;
    private FeedEvent?[] ring = new FeedEvent?[InitialSize];
    private int head;
    private int count;
    private bool completed;
    private Exception? error;
    private TaskCompletionSource? completion;

    // The reader's one pending wait. Whoever flips `waiting` from true to false under the lock (a writer, completion or
    // cancellation) completes it, exactly once.
    private ManualResetValueTaskSourceCore<bool> wait = new() { RunContinuationsAsynchronously = true };
    private bool waiting;
    private CancellationTokenRegistration waitCancellation;

    /// <summary>Creates a queue of at most <paramref name="capacity"/> events.</summary>
    /// <param name="capacity">The most events held at once.</param>
    /// <param name="dropsOldest">
    /// True to make room by dropping the oldest event when full (for notice-only consumers); false to refuse the write.
    /// </param>
    public FeedQueue(int capacity, bool dropsOldest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        this.dropsOldest = dropsOldest;
    }

    /// <inheritdoc />
    public override bool CanCount => true;

    /// <inheritdoc />
    public override int Count
    {
        get
        {
            lock (sync)
            {
                return count;
            }
        }
    }

    /// <inheritdoc />
    public override Task Completion
    {
        get
        {
            lock (sync)
            {
                completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (completed && count == 0)
                {
                    Finish(completion, error);
                }

                return completion.Task;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="item"/>. False when the queue is completed, or full and not dropping: the caller decides
    /// what a refusal means (the feed disconnects the subscriber; a heartbeat is simply not needed).
    /// </summary>
    public bool TryWrite(FeedEvent item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (sync)
        {
            if (completed)
            {
                return false;
            }

            if (count == capacity)
            {
                if (!dropsOldest)
                {
                    return false;
                }

                ring[head] = null;
                head = (head + 1) % ring.Length;
                count--;
            }

            if (count == ring.Length)
            {
                Grow();
            }

            ring[(head + count) % ring.Length] = item;
            count++;
            if (!waiting)
            {
                return true;
            }

            waiting = false;
        }

        wait.SetResult(true);
        return true;
    }

    /// <summary>
    /// Completes the queue: the reader still gets what is queued, then <see cref="WaitToReadAsync"/> answers false, or
    /// throws <paramref name="failure"/> when given. False when it was already completed.
    /// </summary>
    public bool TryComplete(Exception? failure = null)
    {
        bool wake;
        lock (sync)
        {
            if (completed)
            {
                return false;
            }

            completed = true;
            error = failure;
            wake = waiting; // a waiting reader found the queue empty, so it has nothing left to read
            waiting = false;
            if (completion is not null && count == 0)
            {
                Finish(completion, error);
            }
        }

        if (wake)
        {
            if (failure is null)
            {
                wait.SetResult(false);
            }
            else
            {
                wait.SetException(failure);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool TryRead(out FeedEvent item)
    {
        lock (sync)
        {
            if (count == 0)
            {
                item = null!;
                return false;
            }

            item = ring[head]!;
            ring[head] = null;
            head = (head + 1) % ring.Length;
            count--;
            if (count == 0 && completed && completion is not null)
            {
                Finish(completion, error);
            }

            return true;
        }
    }

    /// <inheritdoc />
    public override bool TryPeek(out FeedEvent item)
    {
        lock (sync)
        {
            item = count == 0 ? null! : ring[head]!;
            return count > 0;
        }
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        short version;
        lock (sync)
        {
            if (count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (completed)
            {
                return error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(error);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (waiting)
            {
                throw new InvalidOperationException("A feed queue has one reader: a second wait started before the first finished.");
            }

            wait.Reset();
            waiting = true;
            version = wait.Version;
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Outside the lock: a token cancelled meanwhile runs the callback right here, and it takes the lock.
            waitCancellation = cancellationToken.UnsafeRegister(static (state, token) => ((FeedQueue)state!).CancelWait(token), this);
        }

        return new ValueTask<bool>(this, version);
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        // The wait is over: drop its cancellation before another wait can start, so a late callback never cancels it.
        waitCancellation.Dispose();
        waitCancellation = default;
        return wait.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => wait.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        wait.OnCompleted(continuation, state, token, flags);

    private void CancelWait(CancellationToken token)
    {
        lock (sync)
        {
            if (!waiting)
            {
                return;
            }

            waiting = false;
        }

        wait.SetException(new OperationCanceledException(token));
    }

    private void Grow()
    {
        var larger = new FeedEvent?[Math.Min(capacity, ring.Length * 2)];
        for (var i = 0; i < count; i++)
        {
            larger[i] = ring[(head + i) % ring.Length];
        }

        ring = larger;
        head = 0;
    }

    private static void Finish(TaskCompletionSource completion, Exception? error)
    {
        if (error is null)
        {
            completion.TrySetResult();
        }
        else
        {
            completion.TrySetException(error);
        }
    }
}
