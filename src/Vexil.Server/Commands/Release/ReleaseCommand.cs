namespace Vexil.Server.Commands.Release;

/// <summary>
/// <c>auto_deploy status &lt;sha&gt;</c> or <c>release check &lt;merge-request-url or sha&gt; [X.Y]</c>, as
/// <see cref="ReleaseCommandParser"/> read it.
/// </summary>
/// <param name="Kind">Which command.</param>
/// <param name="Subject">The sha, or the merge request URL (release check).</param>
/// <param name="Version">The monthly release version given to <c>release check</c>, as typed; null when none.</param>
public sealed record ReleaseCommand(ReleaseCommandKind Kind, string Subject, string? Version);
