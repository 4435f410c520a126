using Vexil.Server.Repository;

namespace Vexil.Server.Lifecycle;

/// <summary>
/// Scans the repository mirror's default branch for flag references after each successful fetch, so
/// <c>feature cleanup</c> and the rollout checklist know how many places still read each flag.
/// </summary>
public sealed class ReferenceScanAfterFetch(RepositoryReferenceScanner scanner, ILogger<ReferenceScanAfterFetch> logger) : IRepositoryFetchListener
{
    /// <inheritdoc />
    public async Task OnFetchedAsync(RepositoryMirror mirror, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        if (mirror.DefaultBranch is not { } branch)
        {
            // Without a default branch there is nothing to call "the code"; the counts stay as they were (unknown at first).
            logger.LogWarning("{Repository} has no default branch the server can find (its HEAD names none, and there is no main or master); code references are not counted", mirror.Options.DisplayName);
            return;
        }

        await scanner.ScanAsync(mirror.MirrorPath, branch, cancellationToken);
    }
}
