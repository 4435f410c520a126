namespace Vexil.Server.Repository;

/// <summary>
/// <c>Vexil:Repository</c>: the team's git repository, of which Vexil keeps a local mirror to answer
/// <c>auto_deploy status</c>, <c>release check</c> and the deployment check. Unset <see cref="Url"/> turns the mirror off;
/// those commands then say so and the deployment check is skipped with a notice.
/// </summary>
public sealed class RepositoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Repository";

    /// <summary>The repository to mirror: a remote URL (<c>https://gitlab.example.com/group/project.git</c>) or a local path.</summary>
    public string? Url { get; set; }

    /// <summary>Where the mirror lives; relative paths are from the working directory, as the default SQLite database's. Default <c>data/repository.git</c>, next to the SQLite database.</summary>
    public string Path { get; set; } = "data/repository.git";

    /// <summary>How often the mirror fetches on its own; <c>POST /api/v1/repository/fetch</c> fetches at once. Default 5 minutes.</summary>
    public TimeSpan FetchInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The stable branch of a monthly release, with <c>{major}</c> and <c>{minor}</c>; GitLab's is <c>{major}-{minor}-stable-ee</c>.</summary>
    public string StableBranchPattern { get; set; } = "{major}-{minor}-stable-ee";

    /// <summary>The tag of a release, with <c>{major}</c>, <c>{minor}</c> and <c>{patch}</c>; GitLab's is <c>v{major}.{minor}.{patch}-ee</c> (release candidates do not match, as in GitLab).</summary>
    public string TagPattern { get; set; } = "v{major}.{minor}.{patch}-ee";

    /// <summary>The repository's name in answers (<c>not found in `group/project`</c>); default: the URL's path without <c>.git</c>.</summary>
    public string? Name { get; set; }

    /// <summary>The repository's web page, for commit links (<c>{WebUrl}/-/commit/{sha}</c>); default: the URL without <c>.git</c> when it is http(s).</summary>
    public string? WebUrl { get; set; }

    /// <summary>True when a repository is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The name answers use.</summary>
    public string DisplayName
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Name))
            {
                return Name.Trim();
            }

            var url = (Url ?? string.Empty).Trim().TrimEnd('/');
            if (url.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                url = url[..^4];
            }

            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh")
            {
                return uri.AbsolutePath.Trim('/');
            }

            // scp-like (git@host:group/project) or a local path: what follows the colon, or the folder's name.
            var colon = url.IndexOf(':', StringComparison.Ordinal);
            return colon > 1 && !url.StartsWith('/') ? url[(colon + 1)..] : System.IO.Path.GetFileName(url);
        }
    }

    /// <summary>The web page of a commit, or null when no web address is known.</summary>
    public string? CommitUrl(string sha)
    {
        var web = WebUrl;
        if (string.IsNullOrWhiteSpace(web))
        {
            var url = (Url ?? string.Empty).Trim();
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return null;
            }

            // Never put credentials from the fetch URL into an answer.
            web = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString();
            if (web.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            {
                web = web[..^4];
            }
        }

        return $"{web.TrimEnd('/')}/-/commit/{sha}";
    }
}
