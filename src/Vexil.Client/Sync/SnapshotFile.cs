using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Vexil.Client.Sync;

/// <summary>
/// The last good snapshot on disk (<see cref="VexilClientOptions.SnapshotPath"/>). Written to a temporary file beside
/// it and renamed over it, so a crash mid-write leaves the previous file whole; a file that does not read as a snapshot
/// for the configured environment is ignored with a warning, never trusted.
/// </summary>
internal sealed class SnapshotFile(string path, ILogger logger)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Reads the saved snapshot, or null (with a warning) when it is missing, unreadable or for another environment.</summary>
    public SnapshotDocument? TryLoad(string configuredEnvironment)
    {
        if (!File.Exists(Path))
        {
            logger.LogInformation("No saved Vexil snapshot at {SnapshotPath}; every flag answers false until the server is reached.", Path);
            return null;
        }

        try
        {
            var document = SnapshotDocument.Parse(File.ReadAllBytes(Path), etag: null);
            if (!IsFor(document, configuredEnvironment))
            {
                logger.LogWarning(
                    "Ignoring the saved Vexil snapshot {SnapshotPath}: it is for environment '{SavedEnvironment}', not '{Environment}'. Delete it or point SnapshotPath elsewhere.",
                    Path, document.Environment, configuredEnvironment);
                return null;
            }

            return document;
        }
        catch (Exception error) when (error is JsonException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogWarning(error, "Ignoring the saved Vexil snapshot {SnapshotPath}: it is not a readable snapshot ({Reason}). It will be replaced after the next sync.", Path, error.Message);
            return null;
        }
    }

    /// <summary>Writes the snapshot atomically; a failure is logged, not thrown (the flags in memory are still right).</summary>
    public void Save(SnapshotDocument document, string configuredEnvironment)
    {
        var temporary = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            document.ConfiguredEnvironment = configuredEnvironment;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(document.ToUtf8Json());
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(error, "Could not save the Vexil snapshot to {SnapshotPath} ({Reason}); flags in memory are unaffected.", Path, error.Message);
            TryDelete(temporary);
        }
    }

    // The server names its canonical environment; the configuration may use an alias (gstg). The saved file records the
    // configured name as well so either matches.
    private static bool IsFor(SnapshotDocument document, string configuredEnvironment) =>
        string.Equals(document.Environment, configuredEnvironment, StringComparison.Ordinal)
        || string.Equals(document.ConfiguredEnvironment, configuredEnvironment, StringComparison.Ordinal);

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a stray temporary file is harmless and the next save uses another name.
        }
    }
}
