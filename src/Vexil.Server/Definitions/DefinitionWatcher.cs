using Microsoft.Extensions.Logging;

namespace Vexil.Server.Definitions;

/// <summary>
/// Watches definition folders and calls back once a burst of changes has settled (trailing debounce: every change
/// restarts the wait). The callback runs on a thread-pool thread and is shielded: an exception there is logged,
/// because an exception escaping a timer callback would end the process.
/// </summary>
internal sealed class DefinitionWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Timer debounceTimer;
    private readonly TimeSpan debounce;
    private readonly Action onSettled;
    private readonly ILogger logger;
    private volatile bool disposed;

    /// <summary>Starts watching every existing folder in <paramref name="folders"/>; one that cannot be watched is logged and skipped.</summary>
    public DefinitionWatcher(IEnumerable<string> folders, TimeSpan debounce, Action onSettled, ILogger logger)
    {
        this.debounce = debounce < TimeSpan.Zero ? TimeSpan.Zero : debounce;
        this.onSettled = onSettled;
        this.logger = logger;
        debounceTimer = new Timer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        foreach (var folder in folders.Where(Directory.Exists))
        {
            TryWatch(folder);
        }
    }

    /// <summary>The folders actually being watched.</summary>
    public IReadOnlyList<string> WatchedFolders => watchers.Select(watcher => watcher.Path).ToList();

    /// <inheritdoc/>
    public void Dispose()
    {
        disposed = true;
        foreach (var watcher in watchers)
        {
            watcher.EnableRaisingEvents = false;
            watcher.Dispose();
        }

        debounceTimer.Dispose();
    }

    private static bool IsRelevant(string? path) =>
        path is not null
        && (path.EndsWith(DefinitionFolders.Extension, StringComparison.Ordinal)
            || path.EndsWith(".yaml", StringComparison.Ordinal)
            // No extension: most likely a folder; renaming or deleting a type folder moves many definitions at once.
            || !Path.HasExtension(path));

    private void TryWatch(string folder)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Created += OnChanged;
            watcher.Changed += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnRenamed;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // Typically the per-user inotify limit on Linux: the server still runs, it just needs a manual reload.
            watcher?.Dispose();
            DefinitionLog.WatchFailed(logger, exception, folder);
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs change)
    {
        if (IsRelevant(change.FullPath))
        {
            Schedule();
        }
    }

    private void OnRenamed(object sender, RenamedEventArgs rename)
    {
        if (IsRelevant(rename.FullPath) || IsRelevant(rename.OldFullPath))
        {
            Schedule();
        }
    }

    private void OnError(object sender, ErrorEventArgs error)
    {
        // Events were lost (e.g. the buffer overflowed), so nobody knows which files changed: reload them all.
        DefinitionLog.WatcherOverflow(logger, error.GetException());
        Schedule();
    }

    private void Schedule()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            debounceTimer.Change(debounce, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call: nothing left to reload for.
        }
    }

    private void Settle()
    {
        if (disposed)
        {
            return;
        }

        try
        {
            onSettled();
        }
        catch (Exception exception)
        {
            DefinitionLog.ReloadFailed(logger, exception);
        }
    }
}
