namespace Vexil.Server.Repository;

/// <summary>What a full or short sha names in the mirror: one commit, several (an ambiguous prefix), or none.</summary>
/// <param name="Sha">The full sha when exactly one commit matches; otherwise null.</param>
/// <param name="Candidates">Every matching commit's full sha when the prefix is ambiguous (at most a few); otherwise empty.</param>
public sealed record CommitLookup(string? Sha, IReadOnlyList<string> Candidates)
{
    /// <summary>True when exactly one commit matches.</summary>
    public bool Found => Sha is not null;

    /// <summary>True when the prefix names more than one commit.</summary>
    public bool Ambiguous => Candidates.Count > 1;
}
