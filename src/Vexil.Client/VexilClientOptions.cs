namespace Vexil.Client;

/// <summary>How the SDK reaches the server and behaves when it cannot (configuration section <c>Vexil</c>).</summary>
public sealed class VexilClientOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Vexil";

    /// <summary>The server's base address, e.g. <c>https://vexil.example.com/</c>.</summary>
    public Uri ServerUrl { get; set; } = null!;

    /// <summary>A token with read rights for <see cref="Environment"/> (a <c>read</c> token is enough).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The environment to follow: a canonical name (<c>staging</c>) or an alias (<c>gstg</c>).</summary>
    public string Environment { get; set; } = string.Empty;

    /// <summary>Where the last good snapshot is kept, so a start without the server still has flags. Null: not kept.</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>How long <see cref="VexilClient.ConnectAsync(VexilClientOptions, CancellationToken)"/> waits for the server before starting from the saved snapshot.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a single HTTP request (snapshot, metrics) may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The stream counts as dead after this long with nothing received (the server sends a heartbeat every 15 s).</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>The first wait before reconnecting; it doubles on each failure, with jitter, up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the snapshot is polled (with its ETag) when the server offers no stream.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While polling, how often the stream is tried again.</summary>
    public TimeSpan StreamRetryInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether evaluation counts are sent to the server (<c>POST /api/v1/metrics</c>).</summary>
    public bool SendEvaluationCounts { get; set; } = true;

    /// <summary>How often evaluation counts are sent.</summary>
    public TimeSpan MetricsFlushInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether the ASP.NET Core integration gives every HTTP request its own <see cref="Actor.CurrentRequest"/> (it listens to
    /// the host's <c>Microsoft.AspNetCore</c> diagnostics for the start of each request).
    /// </summary>
    public bool RequestActorPerHttpRequest { get; set; } = true;
}
