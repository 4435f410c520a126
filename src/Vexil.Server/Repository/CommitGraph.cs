namespace Vexil.Server.Repository;

/// <summary>
/// The mirror's whole history in memory, rebuilt after every fetch and then never changed, so questions need no git
/// process and no lock. Every commit has a dense number; children are kept in one array (compressed rows), so "which
/// of these refs contain commit B" is one walk over B's descendants, a few milliseconds for 100,000 commits, however
/// many tags, branches and deployments are asked about. Why our own index: one git process per question costs 5 to
/// 50 ms here (see docs/benchmarks.md), and <c>auto_deploy status</c> asks about every environment at once.
/// </summary>
public sealed class CommitGraph
{
    private readonly string[] shas;
    private readonly string[] titles;
    private readonly int[] childStart;
    private readonly int[] children;
    private readonly Dictionary<string, int> byFullSha;
    private readonly int[] sortedBySha;
    private readonly Dictionary<string, int> mergeRequests;

    internal CommitGraph(
        string[] shas,
        string[] titles,
        int[] childStart,
        int[] children,
        Dictionary<string, int> byFullSha,
        Dictionary<string, int> mergeRequests,
        IReadOnlyDictionary<string, string> tags,
        IReadOnlyDictionary<string, string> branches,
        DateTimeOffset fetchedAt)
    {
        this.shas = shas;
        this.titles = titles;
        this.childStart = childStart;
        this.children = children;
        this.byFullSha = byFullSha;
        this.mergeRequests = mergeRequests;
        Tags = tags;
        Branches = branches;
        FetchedAt = fetchedAt;
        sortedBySha = Enumerable.Range(0, shas.Length).ToArray();
        Array.Sort(sortedBySha, (a, b) => string.CompareOrdinal(shas[a], shas[b]));
    }

    /// <summary>An empty history, before the first fetch.</summary>
    public static CommitGraph Empty { get; } = new CommitGraphBuilder().Build(DateTimeOffset.MinValue);

    /// <summary>How many commits the mirror holds.</summary>
    public int CommitCount => shas.Length;

    /// <summary>Tags by name (without <c>refs/tags/</c>), each with the commit it points at (annotated tags peeled).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Branches by name (without <c>refs/heads/</c>), each with its tip.</summary>
    public IReadOnlyDictionary<string, string> Branches { get; }

    /// <summary>When this history was fetched.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>How many merge requests the commit messages name.</summary>
    public int MergeRequestCount => mergeRequests.Count;

    /// <summary>The shortest prefix accepted, as GitLab's ChatOps asks.</summary>
    public const int MinShortSha = 7;

    /// <summary>The candidates an ambiguous prefix lists at most.</summary>
    public const int MaxCandidates = 5;

    /// <summary>Resolves a full or short sha (at least <see cref="MinShortSha"/> hex digits, any case).</summary>
    public CommitLookup Resolve(string sha)
    {
        ArgumentNullException.ThrowIfNull(sha);
        var prefix = sha.Trim().ToLowerInvariant();
        if (byFullSha.ContainsKey(prefix))
        {
            return new CommitLookup(prefix, []);
        }

        // Binary search for the first sha at or after the prefix, then collect those that start with it.
        int low = 0, high = sortedBySha.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(shas[sortedBySha[middle]], prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        var matches = new List<string>();
        for (var i = low; i < sortedBySha.Length && matches.Count <= MaxCandidates && shas[sortedBySha[i]].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            matches.Add(shas[sortedBySha[i]]);
        }

        return matches.Count == 1 ? new CommitLookup(matches[0], []) : new CommitLookup(null, matches);
    }

    /// <summary>True when the mirror holds the commit (full sha).</summary>
    public bool Has(string fullSha) => byFullSha.ContainsKey(fullSha);

    /// <summary>The commit's title (the first line of its message), or null when the mirror does not hold it.</summary>
    public string? TitleOf(string fullSha) => byFullSha.TryGetValue(fullSha, out var index) ? titles[index] : null;

    /// <summary>
    /// The merge commit whose message says <c>See merge request {project}!{iid}</c>, or null. When several do (a
    /// cherry-pick keeps the message), the one with two parents wins.
    /// </summary>
    public string? MergeCommitOf(string project, long iid) =>
        mergeRequests.TryGetValue(MergeRequestKey(project, iid), out var index) ? shas[index] : null;

    /// <summary>The descendants of a commit (itself included); ask <see cref="Descendants.Contain"/> about any commit.</summary>
    public Descendants DescendantsOf(string fullSha)
    {
        if (!byFullSha.TryGetValue(fullSha, out var start))
        {
            return new Descendants(this, null);
        }

        var seen = new bool[shas.Length];
        var stack = new Stack<int>();
        seen[start] = true;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            for (var c = childStart[node]; c < childStart[node + 1]; c++)
            {
                var child = children[c];
                if (!seen[child])
                {
                    seen[child] = true;
                    stack.Push(child);
                }
            }
        }

        return new Descendants(this, seen);
    }

    /// <summary>True when commit <paramref name="descendant"/> contains commit <paramref name="ancestor"/> (both full shas).</summary>
    public bool Contains(string descendant, string ancestor) => DescendantsOf(ancestor).Contain(descendant) == true;

    internal static string MergeRequestKey(string project, long iid) => $"{project.Trim('/').ToLowerInvariant()}!{iid}";

    internal bool IsMarked(bool[] seen, string fullSha) => byFullSha.TryGetValue(fullSha, out var index) && seen[index];

    /// <summary>The commits that contain one commit: the answer to "does X contain B" for any X.</summary>
    public sealed class Descendants
    {
        private readonly CommitGraph graph;
        private readonly bool[]? seen;

        internal Descendants(CommitGraph graph, bool[]? seen)
        {
            this.graph = graph;
            this.seen = seen;
        }

        /// <summary>
        /// True when <paramref name="fullSha"/> contains the commit, false when it does not, and null when the mirror
        /// does not hold one of the two (a deployment of a commit fetched later, or an unknown commit).
        /// </summary>
        public bool? Contain(string fullSha) => seen is null || !graph.Has(fullSha) ? null : graph.IsMarked(seen, fullSha);
    }
}
