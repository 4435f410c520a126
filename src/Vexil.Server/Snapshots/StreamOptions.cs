namespace Vexil.Server.Snapshots;

/// <summary>
/// <c>Vexil:Stream</c>: the change feed's memory (how far back a reconnecting client can resume, how far a subscriber
/// may fall behind) and the limits of the <c>/api/v1/environments/{env}/stream</c> endpoint.
/// </summary>
public sealed class StreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Stream";

    /// <summary>
    /// Changes kept in memory per environment, so a client reconnecting with <c>Last-Event-ID</c> resumes without a
    /// refetch; 10,000 by default (a few MB per busy environment). A client further behind gets a <c>reset</c>.
    /// </summary>
    public int History { get; set; } = 10_000;

    /// <summary>
    /// Events one subscriber may have waiting before it is disconnected as too slow; 1,000 by default. The writer never
    /// waits for a subscriber, so this bounds the memory a stalled client can hold; it reconnects with Last-Event-ID.
    /// </summary>
    public int MaxQueuedEvents { get; set; } = 1_000;

    /// <summary>How often an idle stream sends <c>: heartbeat</c>; 15 seconds by default (proxies close silent connections).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Most streams one token may hold open; 10,000 by default. An SDK opens one stream per process, so a service's
    /// token shared by many pods needs many; a client that leaks streams is still stopped.
    /// </summary>
    public int MaxPerToken { get; set; } = 10_000;

    /// <summary>
    /// Most streams one client address may hold open; 1,000 by default. Behind a proxy or NAT many clients share an
    /// address: raise it there, or forward the client address.
    /// </summary>
    public int MaxPerAddress { get; set; } = 1_000;
}
