namespace Vexil.Server.Api.Ofrep;

/// <summary><c>Vexil:Ofrep</c>: settings of the OpenFeature remote evaluation endpoints.</summary>
public sealed class OfrepOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Ofrep";

    /// <summary>
    /// How often an idle event stream sends a comment line; 15 seconds by default. Proxies and load balancers close
    /// connections that stay silent, and a write is also how the server notices a client that went away.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The secret that signs event-stream tickets. Browsers' <c>EventSource</c> cannot send an <c>Authorization</c>
    /// header, so a bulk answer hands out an event-stream URL that carries a signed, expiring ticket instead of the
    /// caller's token. Unset, each process draws a random key: fine for one server; replicas behind one address must
    /// share a key, or a ticket issued by one replica is refused by another.
    /// </summary>
    public string? EventStreamKey { get; set; }

    /// <summary>The <c>inactivityDelaySec</c> advertised with the event stream; 120 seconds by default, as OFREP suggests.</summary>
    public int InactivityDelaySeconds { get; set; } = 120;

    /// <summary>Limits on concurrent event streams (<c>Vexil:Ofrep:EventStreams</c>).</summary>
    public OfrepEventStreamOptions EventStreams { get; set; } = new();

    /// <summary>Most actors one evaluation context may name (the targeting key plus <c>context.actors</c>); 64 by default.</summary>
    public int MaxActors { get; set; } = 64;
}
