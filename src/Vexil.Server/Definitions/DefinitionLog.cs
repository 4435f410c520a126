using Microsoft.Extensions.Logging;

namespace Vexil.Server.Definitions;

/// <summary>Log messages of the definitions component (source-generated, so a disabled level costs nothing).</summary>
internal static partial class DefinitionLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Message}")]
    public static partial void DefinitionSkipped(ILogger logger, string message);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Loaded {Count} flag definitions from {Folders}; {ErrorCount} problems")]
    public static partial void Loaded(ILogger logger, int count, string folders, int errorCount);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "No definition folders are configured (Vexil:Definitions:Paths), so no flag has a definition")]
    public static partial void NoFolders(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Watching {Folders} for definition changes")]
    public static partial void Watching(ILogger logger, string folders);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Could not watch {Folder} for definition changes; edits there need a restart or a reload")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string folder);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning,
        Message = "The definition watcher lost track of changes; reloading everything")]
    public static partial void WatcherOverflow(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Reloading definitions after a file change failed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error,
        Message = "A handler of DefinitionRegistry.Changed failed; the new catalog is in place regardless")]
    public static partial void ChangedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning,
        Message = "Keeping the last good definition of '{Flag}' ({File}): its file is now invalid; fix it to pick up the edit")]
    public static partial void KeptLastGood(ILogger logger, string flag, string file);
}
