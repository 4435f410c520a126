namespace Vexil.Server.Api.Ofrep;

/// <summary><c>Vexil:Ofrep:EventStreams</c>: how many event streams may be open at once, per token and per client address.</summary>
public sealed class OfrepEventStreamOptions
{
    /// <summary>
    /// Most streams one token may hold open at once; 1,000 by default. An OFREP provider opens one stream per process,
    /// so one service's token shared by hundreds of pods stays well below it, while a client that leaks streams (opens
    /// one per request and never closes them) is stopped long before it costs the server much: 3,000 open streams were
    /// measured at about 200 MB.
    /// </summary>
    public int MaxPerToken { get; set; } = 1000;

    /// <summary>
    /// Most streams one client address may hold open at once, tokens and tickets together; 200 by default. One
    /// machine rarely runs more than a few dozen processes with a provider each; behind a proxy or NAT many clients
    /// share an address, so raise it there (or forward the client address, which ASP.NET Core's forwarded-headers
    /// middleware turns into the address counted here).
    /// </summary>
    public int MaxPerAddress { get; set; } = 200;
}
