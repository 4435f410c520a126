using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Definitions;

/// <summary>
/// Holds the server's current <see cref="DefinitionCatalog"/>. It loads once when created, and again on
/// <see cref="Reload"/> or, when <see cref="DefinitionOptions.Watch"/> is on, after definition files change. A reload
/// builds a whole new catalog and swaps the reference in one step, so readers see either the old set or the new one,
/// never a mix. Bad files are logged as warnings and listed in the catalog's errors; they never stop the server. A
/// flag whose file a bad edit broke keeps its last good definition until the file is fixed or deleted, so the flag
/// never vanishes from answers (its rollout link, its default) because of a typo.
/// </summary>
public sealed class DefinitionRegistry : IHostedService, IDisposable
{
    private readonly DefinitionOptions options;
    private readonly ILogger<DefinitionRegistry> logger;
    private readonly Lock reloadLock = new();
    private readonly Lock watchLock = new();
    private DefinitionCatalog current;
    private DefinitionWatcher? watcher;

    /// <summary>Loads the configured folders. Relative folders resolve against the current directory (the DI registration resolves them against the content root first).</summary>
    public DefinitionRegistry(IOptions<DefinitionOptions> options, ILogger<DefinitionRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options.Value;
        this.logger = logger;
        Folders = [.. this.options.Paths];
        current = LoadAndLog(previous: null);
    }

    /// <summary>
    /// Raised after every reload, with the previous and the new catalog, on the thread that reloaded (the caller of
    /// <see cref="Reload"/>, or a thread-pool thread for file changes). Reloads are serialised, so handlers see
    /// catalogs in order; keep handlers short, since the next reload waits for them. A handler that throws is logged.
    /// </summary>
    public event EventHandler<DefinitionCatalogChangedEventArgs>? Changed;

    /// <summary>The folders this registry loads, as configured.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>The catalog loaded last. Cheap to read from any thread; hold on to the instance for a consistent view.</summary>
    public DefinitionCatalog Current => Volatile.Read(ref current);

    /// <summary>True while changes in at least one folder trigger reloads.</summary>
    public bool IsWatching
    {
        get
        {
            lock (watchLock)
            {
                return watcher is { WatchedFolders.Count: > 0 };
            }
        }
    }

    /// <summary>Loads every folder again, swaps the new catalog in, raises <see cref="Changed"/> and returns the new catalog.</summary>
    public DefinitionCatalog Reload()
    {
        lock (reloadLock)
        {
            var next = LoadAndLog(Current);
            var previous = Interlocked.Exchange(ref current, next);
            RaiseChanged(previous, next);
            return next;
        }
    }

    /// <summary>
    /// Starts reloading after file changes (idempotent). Folders that cannot be watched are logged and skipped. A
    /// folder that does not exist yet is not watched: create it, then call <see cref="Reload"/> or restart.
    /// </summary>
    public void StartWatching()
    {
        lock (watchLock)
        {
            if (watcher is not null)
            {
                return;
            }

            var roots = Folders
                .Where(Directory.Exists)
                .SelectMany(folder => DefinitionFolders.DefinitionRoots(Path.GetFullPath(folder)))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            watcher = new DefinitionWatcher(roots, options.WatchDebounce, () => Reload(), logger);
            if (watcher.WatchedFolders.Count > 0)
            {
                DefinitionLog.Watching(logger, string.Join(", ", watcher.WatchedFolders));
            }
        }
    }

    /// <summary>Stops reloading after file changes (idempotent).</summary>
    public void StopWatching()
    {
        lock (watchLock)
        {
            watcher?.Dispose();
            watcher = null;
        }
    }

    /// <summary>Starts watching when <see cref="DefinitionOptions.Watch"/> is on. Being a hosted service also makes the first load happen at start-up rather than on first use.</summary>
    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        if (options.Watch)
        {
            StartWatching();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops watching.</summary>
    Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose() => StopWatching();

    private DefinitionCatalog LoadAndLog(DefinitionCatalog? previous)
    {
        if (Folders.Count == 0)
        {
            DefinitionLog.NoFolders(logger);
            return DefinitionCatalog.Empty;
        }

        var catalog = DefinitionLoader.Load(Folders);
        foreach (var error in catalog.Errors)
        {
            DefinitionLog.DefinitionSkipped(logger, error.Message);
        }

        if (previous is not null)
        {
            catalog = catalog.KeepingLastGood(previous);
            foreach (var definition in catalog.Definitions.Where(definition => catalog.IsLastGood(definition.Name)))
            {
                DefinitionLog.KeptLastGood(logger, definition.Name, definition.RelativePath);
            }
        }

        DefinitionLog.Loaded(logger, catalog.Count, string.Join(", ", Folders), catalog.Errors.Count);
        return catalog;
    }

    private void RaiseChanged(DefinitionCatalog previous, DefinitionCatalog next)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        var change = new DefinitionCatalogChangedEventArgs(previous, next);

        // One failing subscriber must neither hide the change from the others nor fail the reload.
        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<DefinitionCatalogChangedEventArgs>>())
        {
            try
            {
                handler(this, change);
            }
            catch (Exception exception)
            {
                DefinitionLog.ChangedHandlerFailed(logger, exception);
            }
        }
    }
}
