using System.Globalization;
using System.Text.RegularExpressions;

namespace Vexil.Server.Repository;

/// <summary>
/// Builds a <see cref="CommitGraph"/> from the lines of
/// <c>git log --all --format=%x1e%H%x1f%P%x1f%B</c> and <c>git for-each-ref --format=%(refname)%09%(objectname)%09%(*objectname)</c>.
/// </summary>
public sealed partial class CommitGraphBuilder
{
    /// <summary>The format <see cref="AddLogLine"/> reads.</summary>
    public const string LogFormat = "--format=%x1e%H%x1f%P%x1f%B";

    /// <summary>The format <see cref="AddRefLine"/> reads.</summary>
    public const string RefFormat = "--format=%(refname)%09%(objectname)%09%(*objectname)";

    private readonly List<string> shas = [];
    private readonly List<string> titles = [];
    private readonly List<string[]> parents = [];
    private readonly Dictionary<string, int> byFullSha = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> mergeRequests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> branches = new(StringComparer.Ordinal);
    private bool titlePending;

    // GitLab's merge commit message: "See merge request group/subgroup/project!123".
    [GeneratedRegex(@"See merge request (?<project>[A-Za-z0-9_.\-/]+)!(?<iid>\d{1,18})", RegexOptions.CultureInvariant)]
    private static partial Regex MergeRequestLine();

    /// <summary>Reads one line of the log output.</summary>
    public void AddLogLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > 0 && line[0] == '\x1e')
        {
            var fields = line[1..].Split('\x1f');
            var sha = fields[0];
            if (byFullSha.ContainsKey(sha))
            {
                titlePending = false;
                return;
            }

            byFullSha[sha] = shas.Count;
            shas.Add(sha);
            parents.Add(fields.Length > 1 && fields[1].Length > 0 ? fields[1].Split(' ') : []);
            var title = fields.Length > 2 ? fields[2] : string.Empty;
            titles.Add(title);
            titlePending = title.Length == 0;
            Scan(title);
            return;
        }

        if (shas.Count == 0)
        {
            return;
        }

        if (titlePending && line.Length > 0)
        {
            titles[^1] = line;
            titlePending = false;
        }

        Scan(line);
    }

    /// <summary>Reads one line of the ref listing; refs other than branches and tags are ignored.</summary>
    public void AddRefLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.Split('\t');
        if (fields.Length < 2)
        {
            return;
        }

        var target = fields.Length > 2 && fields[2].Length > 0 ? fields[2] : fields[1];
        if (fields[0].StartsWith("refs/tags/", StringComparison.Ordinal))
        {
            tags[fields[0]["refs/tags/".Length..]] = target;
        }
        else if (fields[0].StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            branches[fields[0]["refs/heads/".Length..]] = target;
        }
    }

    /// <summary>Builds the graph.</summary>
    public CommitGraph Build(DateTimeOffset fetchedAt)
    {
        var count = shas.Count;
        var childCount = new int[count + 1];
        var parentIndexes = new int[count][];
        for (var i = 0; i < count; i++)
        {
            // A parent outside the fetched history (a shallow or partial mirror) is simply not linked.
            parentIndexes[i] = parents[i].Select(p => byFullSha.TryGetValue(p, out var index) ? index : -1).Where(index => index >= 0).ToArray();
            foreach (var parent in parentIndexes[i])
            {
                childCount[parent + 1]++;
            }
        }

        for (var i = 0; i < count; i++)
        {
            childCount[i + 1] += childCount[i];
        }

        var childStart = (int[])childCount.Clone();
        var children = new int[childStart[count]];
        var next = (int[])childCount.Clone();
        for (var i = 0; i < count; i++)
        {
            foreach (var parent in parentIndexes[i])
            {
                children[next[parent]++] = i;
            }
        }

        return new CommitGraph([.. shas], [.. titles], childStart, children, byFullSha, mergeRequests, tags, branches, fetchedAt);
    }

    private void Scan(string line)
    {
        if (!line.Contains("See merge request", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match match in MergeRequestLine().Matches(line))
        {
            var key = CommitGraph.MergeRequestKey(match.Groups["project"].Value, long.Parse(match.Groups["iid"].ValueSpan, CultureInfo.InvariantCulture));
            var current = shas.Count - 1;

            // The merge commit (two parents) wins over a cherry-pick that kept its message.
            if (!mergeRequests.TryGetValue(key, out var existing) || (parents[current].Length > 1 && parents[existing].Length < 2))
            {
                mergeRequests[key] = current;
            }
        }
    }
}
