using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Repository;

/// <summary>
/// The local mirror of the team's repository (<c>Vexil:Repository</c>): fetches branches and tags with git, then loads
/// the whole history into a <see cref="CommitGraph"/> that answers every question from memory. Only one fetch runs at
/// a time; readers keep using the previous history until the new one is swapped in.
/// </summary>
public sealed class RepositoryMirror(
    IOptions<RepositoryOptions> options,
    TimeProvider clock,
    ILogger<RepositoryMirror> logger,
    IEnumerable<IRepositoryFetchListener> listeners)
{
    /// <summary>How long one git command may take (a first clone of a large repository is the slow one).</summary>
    public static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim fetching = new(1, 1);
    private volatile CommitGraph graph = CommitGraph.Empty;

    /// <summary>The options in force.</summary>
    public RepositoryOptions Options => options.Value;

    /// <summary>True when a repository is configured.</summary>
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>True once a fetch has succeeded.</summary>
    public bool IsLoaded => graph.FetchedAt != DateTimeOffset.MinValue;

    /// <summary>The history as of the last successful fetch (empty before it).</summary>
    public CommitGraph Graph => graph;

    /// <summary>
    /// The remote's default branch (where its <c>HEAD</c> points) as of the last successful fetch, or null when the
    /// remote does not say and the mirror has neither <c>main</c> nor <c>master</c>.
    /// </summary>
    public string? DefaultBranch { get; private set; }

    /// <summary>The last fetch's error, or null after a success.</summary>
    public string? LastError { get; private set; }

    /// <summary>The mirror's folder; a relative path is taken from the working directory, as the default SQLite database's is.</summary>
    public string MirrorPath => Path.GetFullPath(options.Value.Path);

    /// <summary>
    /// Fetches now (waiting for a fetch already under way) and loads the new history. Throws
    /// <see cref="GitException"/> when git fails; the previous history then stays in use.
    /// </summary>
    public async Task<RepositoryFetchResult> FetchAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException($"No repository is configured; set {RepositoryOptions.Section}:Url.");
        }

        RepositoryFetchResult result;
        await fetching.WaitAsync(cancellationToken);
        try
        {
            var watch = Stopwatch.StartNew();
            var path = MirrorPath;
            var url = options.Value.Url!.Trim();
            try
            {
                if (!File.Exists(Path.Combine(path, "HEAD")))
                {
                    Directory.CreateDirectory(path);
                    await GitProcess.RunAsync(path, ["init", "--quiet", "--bare"], GitTimeout, cancellationToken);
                }

                // Branches and tags only: a mirror of every ref would also take GitLab's refs/merge-requests/*, whose
                // unmerged commits would then count as "in the repository".
                await GitProcess.RunAsync(
                    path,
                    ["fetch", "--quiet", "--prune", "--force", "--no-auto-gc", url, "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"],
                    GitTimeout,
                    cancellationToken);

                var builder = new CommitGraphBuilder();
                await GitProcess.RunAsync(path, ["for-each-ref", CommitGraphBuilder.RefFormat, "refs/heads", "refs/tags"], builder.AddRefLine, GitTimeout, cancellationToken);
                await GitProcess.RunAsync(path, ["log", "--all", CommitGraphBuilder.LogFormat], builder.AddLogLine, GitTimeout, cancellationToken);
                var loaded = builder.Build(clock.GetUtcNow());
                var defaultBranch = await RemoteDefaultBranchAsync(path, url, loaded, cancellationToken);
                graph = loaded;
                DefaultBranch = defaultBranch;
                LastError = null;
                logger.LogInformation(
                    "Fetched {Repository}: {Commits} commits, {Tags} tags, {Branches} branches, {MergeRequests} merge requests in {Elapsed} ms",
                    options.Value.DisplayName,
                    loaded.CommitCount,
                    loaded.Tags.Count,
                    loaded.Branches.Count,
                    loaded.MergeRequestCount,
                    watch.ElapsedMilliseconds);
                result = new RepositoryFetchResult(loaded.CommitCount, loaded.Tags.Count, loaded.Branches.Count, loaded.MergeRequestCount, loaded.FetchedAt, watch.Elapsed);
            }
            catch (GitException exception)
            {
                // git's message may quote the URL; never repeat credentials written into it.
                var message = Redact(exception.Message, url);
                LastError = message;
                logger.LogWarning("Fetching {Repository} failed: {Error}", options.Value.DisplayName, message);
                throw new GitException(message);
            }
        }
        finally
        {
            fetching.Release();
        }

        await NotifyListenersAsync(cancellationToken);
        return result;
    }

    // Outside the fetch lock: a listener's work (a scan of the whole tree) must not hold up the next fetch, and it reads
    // the repository with its own git processes. A listener that fails is logged; the fetch itself succeeded.
    private async Task NotifyListenersAsync(CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnFetchedAsync(this, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "After fetching {Repository}, {Listener} failed", options.Value.DisplayName, listener.GetType().Name);
            }
        }
    }

    // The remote's HEAD names its default branch ("ref: refs/heads/main\tHEAD"); a remote that does not say (an old
    // server, a detached HEAD) falls back to main, then master, when the mirror has them.
    private async Task<string?> RemoteDefaultBranchAsync(string path, string url, CommitGraph loaded, CancellationToken cancellationToken)
    {
        const string Prefix = "ref: refs/heads/";
        string symref;
        try
        {
            symref = await GitProcess.RunAsync(path, ["ls-remote", "--symref", url, "HEAD"], GitTimeout, cancellationToken);
        }
        catch (GitException exception)
        {
            // The fetch itself worked: a remote that will not say where HEAD points costs only the guess below.
            logger.LogDebug("Asking {Repository} for its default branch failed: {Error}", options.Value.DisplayName, Redact(exception.Message, url));
            symref = string.Empty;
        }

        foreach (var line in symref.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal) && line.EndsWith("\tHEAD", StringComparison.Ordinal))
            {
                var name = line[Prefix.Length..^"\tHEAD".Length];
                if (loaded.Branches.ContainsKey(name))
                {
                    return name;
                }
            }
        }

        return new[] { "main", "master" }.FirstOrDefault(loaded.Branches.ContainsKey);
    }

    /// <summary>Replaces <paramref name="url"/>'s user information (a token in <c>https://user:token@host</c>) in a message.</summary>
    public static string Redact(string message, string url)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return message.Replace(uri.UserInfo, "***", StringComparison.Ordinal);
        }

        return message;
    }
}
