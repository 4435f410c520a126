using System.Text.RegularExpressions;
using Vexil.Server.Commands.Results;
using Vexil.Server.Repository;

namespace Vexil.Server.Commands.Release;

/// <summary>
/// Resolves the commit a deployment or release command names, or answers why it cannot: no repository, a mirror not
/// fetched yet, not a sha, an ambiguous short sha (with the candidates), or GitLab's "not found".
/// </summary>
public sealed partial class MirrorCommits(RepositoryMirror mirror)
{
    [GeneratedRegex("^[0-9a-fA-F]{7,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ShaPattern();

    /// <summary>True when the text looks like a sha (7 to 40 hex digits).</summary>
    public static bool LooksLikeSha(string text) => ShaPattern().IsMatch(text);

    /// <summary>The mirror's history, or the refusal when there is none to ask.</summary>
    public CommandResult? Unavailable(string command)
    {
        if (!mirror.IsConfigured)
        {
            return CommandResult.Refused(ReleaseMessages.NoRepository(command));
        }

        return mirror.IsLoaded ? null : CommandResult.Refused(ReleaseMessages.NotFetched(mirror.Options.DisplayName, mirror.LastError));
    }

    /// <summary>The full sha, or the refusal; call <see cref="Unavailable"/> first.</summary>
    public (string? Sha, CommandResult? Refusal) Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!LooksLikeSha(text))
        {
            return (null, CommandResult.Usage(ReleaseMessages.NotASha(text)));
        }

        var lookup = mirror.Graph.Resolve(text);
        if (lookup.Found)
        {
            return (lookup.Sha, null);
        }

        return lookup.Ambiguous
            ? (null, CommandResult.Refused(ReleaseMessages.Ambiguous(text, mirror.Options.DisplayName, lookup.Candidates)))
            : (null, CommandResult.Refused(ReleaseMessages.NotFound(text, mirror.Options.DisplayName)));
    }
}
