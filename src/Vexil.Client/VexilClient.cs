using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vexil.Client.Evaluation;
using Vexil.Client.Metrics;
using Vexil.Client.Sync;

namespace Vexil.Client;

/// <summary>
/// Answers "is this flag on?" in-process from a live copy of one environment's flags. Checks never wait on the network,
/// never lock and never throw: they read an immutable table that the background sync swaps when the server reports a
/// change. Create one per environment with <see cref="ConnectAsync(VexilClientOptions, CancellationToken)"/> (or
/// <c>services.AddVexil(...)</c>) and keep it for the life of the application.
/// </summary>
public sealed class VexilClient : IAsyncDisposable
{
    private readonly VexilClientOptions options;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ILogger logger;
    private readonly FlagTableBuilder builder;
    private readonly SyncLoop sync;
    private readonly MetricsFlusher metrics;
    private readonly CancellationTokenSource stopping = new();
    private volatile ClientFlagTable table = ClientFlagTable.Empty;
    private volatile int status = (int)VexilClientStatus.Empty;
    private Task background = Task.CompletedTask;
    private int disposed;

    private VexilClient(VexilClientOptions options, HttpClient? httpClient, ILoggerFactory loggerFactory)
    {
        this.options = options;
        ownsHttp = httpClient is null;
        http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        http.Timeout = Timeout.InfiniteTimeSpan; // the stream stays open; each request carries its own timeout
        logger = loggerFactory.CreateLogger<VexilClient>();
        builder = new FlagTableBuilder(published => table = published);
        var file = options.SnapshotPath is { Length: > 0 } path ? new SnapshotFile(path, logger) : null;
        SnapshotFile = file;
        sync = new SyncLoop(options, http, builder, file, logger, SetStatus, RaiseFlagsChanged);
        metrics = new MetricsFlusher(options, http, builder, logger);
    }

    /// <summary>Raised after new flag states were applied (on the sync thread; keep handlers short).</summary>
    public event EventHandler<FlagsChangedEventArgs>? FlagsChanged;

    /// <summary>How current the flags are: <see cref="VexilClientStatus.Ready"/> when in sync with the server.</summary>
    public VexilClientStatus Status => (VexilClientStatus)status;

    /// <summary>The environment's sequence number the flags reflect (0 before any data).</summary>
    public long Sequence => table.Sequence;

    /// <summary>The names of every flag the client knows (persisted or defined), for listings; not for the hot path.</summary>
    public IReadOnlyList<string> FlagNames => [.. table.Flags.Select(pair => pair.Key).Order(StringComparer.Ordinal)];

    private SnapshotFile? SnapshotFile { get; }

    /// <summary>
    /// Connects to the server and returns a client with its flags. If the server cannot be reached within
    /// <see cref="VexilClientOptions.ConnectTimeout"/>, the client starts from the saved snapshot (<see cref="VexilClientStatus.Stale"/>)
    /// or with every flag off (<see cref="VexilClientStatus.Empty"/>), and keeps trying in the background: an unreachable
    /// server never makes this throw. Invalid options do (<see cref="ArgumentException"/> naming the setting).
    /// </summary>
    public static Task<VexilClient> ConnectAsync(VexilClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(options, loggerFactory: null, httpClient: null, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(VexilClientOptions, CancellationToken)"/>, with logging and, optionally, the HttpClient to use.</summary>
    public static async Task<VexilClient> ConnectAsync(VexilClientOptions options, ILoggerFactory? loggerFactory, HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = VexilClientOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Vexil client options are invalid: " + string.Join(" ", errors), nameof(options));
        }

        var client = new VexilClient(options, httpClient, loggerFactory ?? NullLoggerFactory.Instance);
        var needSnapshot = true;
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(options.ConnectTimeout);
            await client.sync.FetchSnapshotAsync(connectTimeout.Token).ConfigureAwait(false);
            client.SetStatus(VexilClientStatus.Ready);
            needSnapshot = false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        catch (Exception error)
        {
            client.logger.LogWarning("Vexil server {ServerUrl} not reached within {ConnectTimeout} ({Reason}); starting without it and retrying in the background.", options.ServerUrl, options.ConnectTimeout, error is OperationCanceledException ? "timed out" : error.Message);
            client.StartFromSavedSnapshot();
        }

        client.Start(needSnapshot);
        return client;
    }

    /// <summary>
    /// A client answering from <paramref name="document"/> with no server and no background sync (benchmarks measure the
    /// evaluation path with it; the status is <see cref="VexilClientStatus.Stale"/>).
    /// </summary>
    internal static VexilClient FromDocument(VexilClientOptions options, SnapshotDocument document)
    {
        var client = new VexilClient(options, new HttpClient(), NullLoggerFactory.Instance);
        client.builder.ReplaceSnapshot(document);
        client.SetStatus(VexilClientStatus.Stale);
        return client;
    }

    /// <summary>Applies a whole snapshot as the sync loop does (for the 10,000-flag benchmark).</summary>
    internal void Apply(SnapshotDocument document) => builder.ReplaceSnapshot(document);

    /// <summary>Decides a flag with no actor. Unknown flags are false; a defined flag without stored state answers its default.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(string flag) => Decide(flag, ReadOnlySpan<string>.Empty);

    /// <summary>Decides a flag for one actor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(string flag, Actor actor) => Decide(flag, Actor.AsIds(new ReadOnlySpan<Actor>(in actor)));

    /// <summary>Decides a flag for several actors (Flipper >= 0.28): on if any gate opens for them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsEnabled(string flag, ReadOnlySpan<Actor> actors) => Decide(flag, Actor.AsIds(actors));

    /// <summary>
    /// Adds an application-defined feature group: a flag whose groups gate names <paramref name="name"/> opens for the
    /// actors <paramref name="predicate"/> accepts (in addition to any members the server lists for that group). The
    /// predicate runs on the evaluation path: keep it fast and free of I/O; if it throws, the actor is not a member.
    /// </summary>
    public void RegisterGroup(string name, Func<Actor, bool> predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(predicate);
        builder.RegisterGroup(name, predicate);
    }

    /// <summary>Sends the evaluation counts gathered so far now, rather than at the next interval.</summary>
    public Task FlushEvaluationCountsAsync(CancellationToken cancellationToken = default) => metrics.FlushAsync(cancellationToken);

    /// <summary>Stops syncing, sends the last evaluation counts (briefly) and releases the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await background.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        if (options.SendEvaluationCounts)
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await metrics.FlushAsync(last.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The server is slow or away; these counts are lost, which only makes the figures a little low.
            }
        }

        status = (int)VexilClientStatus.Disposed;
        stopping.Dispose();
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    // The hot path: one volatile read, one table lookup, the engine, one counter increment. No lock, no allocation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Decide(string flag, ReadOnlySpan<string> actors)
    {
        // A null name finds nothing (the map checks), so it is false like any unknown flag.
        if (!table.Flags.TryGetValue(flag, out var entry))
        {
            return false;
        }

        var enabled = entry.Flag.Evaluate(actors).Enabled;
        EvaluationCounts.Record(entry.CountStripes, enabled);
        return enabled;
    }

    private void StartFromSavedSnapshot()
    {
        if (SnapshotFile?.TryLoad(options.Environment) is { } saved)
        {
            builder.ReplaceSnapshot(saved);
            SetStatus(VexilClientStatus.Stale);
            logger.LogWarning("Vexil flags for {Environment} come from the saved snapshot {SnapshotPath} (sequence {Sequence}) until the server is reached.", options.Environment, SnapshotFile.Path, saved.Sequence);
        }
        else
        {
            SetStatus(VexilClientStatus.Empty);
        }
    }

    private void Start(bool needSnapshot)
    {
        var token = stopping.Token;
        var syncing = Task.Run(() => sync.RunAsync(needSnapshot, token), CancellationToken.None);
        var counting = options.SendEvaluationCounts ? Task.Run(() => metrics.RunAsync(token), CancellationToken.None) : Task.CompletedTask;
        background = Task.WhenAll(syncing, counting);
    }

    private void SetStatus(VexilClientStatus value)
    {
        if (Volatile.Read(ref disposed) == 0)
        {
            status = (int)value;
        }
    }

    private void RaiseFlagsChanged(FlagsChangedEventArgs args)
    {
        try
        {
            FlagsChanged?.Invoke(this, args);
        }
        catch (Exception error)
        {
            logger.LogError(error, "A FlagsChanged handler threw; the change was applied and the client carries on.");
        }
    }
}
