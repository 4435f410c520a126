using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// Ends one change stream when the client leaves, the server stops, or the stream's token is revoked or expires.
/// </summary>
/// <remarks>
/// Idle streams are held by the ten thousand (issue 13), so this replaces a linked <see cref="CancellationTokenSource"/>
/// over the three signals: that cost a source, its registration array and, because the queue wait then took a
/// cancelable token, a fresh wait operation on every heartbeat. Here the three signals register one callback each on
/// this one object; the callback disposes the subscription, which wakes the stream's token-free wait, and cancels
/// <see cref="Token"/>, which only a write blocked on a slow client is waiting on.
/// </remarks>
internal sealed class StreamEnd : IDisposable
{
    private readonly ChangeFeedSubscription subscription;
    private readonly CancellationTokenSource ended = new();
    private readonly CancellationTokenRegistration clientLeft;
    private readonly CancellationTokenRegistration stopping;
    private readonly CancellationTokenRegistration tokenEnded;

    /// <summary>Watches the three signals for <paramref name="subscription"/>'s stream.</summary>
    public StreamEnd(ChangeFeedSubscription subscription, CancellationToken clientLeft, CancellationToken stopping, CancellationToken tokenEnded)
    {
        this.subscription = subscription;
        // A signal already raised runs its callback here, at once: the stream then ends before its first byte.
        this.clientLeft = clientLeft.UnsafeRegister(static state => ((StreamEnd)state!).End(), this);
        this.stopping = stopping.UnsafeRegister(static state => ((StreamEnd)state!).End(), this);
        this.tokenEnded = tokenEnded.UnsafeRegister(static state => ((StreamEnd)state!).End(), this);
    }

    /// <summary>True once any of the three signals was raised: the stream must send nothing more.</summary>
    public bool IsEnded => ended.IsCancellationRequested;

    /// <summary>Cancelled with the stream: pass it to writes and flushes.</summary>
    public CancellationToken Token => ended.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        clientLeft.Dispose();
        stopping.Dispose();
        tokenEnded.Dispose();
        ended.Dispose();
    }

    private void End()
    {
        // The flag first: the stream, woken by the completed queue, must find it set and send nothing still queued.
        // (Dispose waits for a running callback before disposing the source, so the source is still alive here.)
        ended.Cancel();
        subscription.Dispose();
    }
}
