namespace Vexil.Server.Repository;

/// <summary>
/// Told after each successful fetch of the <see cref="RepositoryMirror"/>, scheduled or asked for, so other folders can
/// act on the new history (the lifecycle's code-reference scan) without the mirror knowing them.
/// </summary>
public interface IRepositoryFetchListener
{
    /// <summary>
    /// Called once per successful fetch, after the new history is in use. A failure is logged by the mirror and does not
    /// fail the fetch.
    /// </summary>
    /// <param name="mirror">The mirror just fetched (its <see cref="RepositoryMirror.MirrorPath"/> is a bare repository).</param>
    /// <param name="cancellationToken">Stops the work when the fetch's caller or the server stops.</param>
    Task OnFetchedAsync(RepositoryMirror mirror, CancellationToken cancellationToken);
}
