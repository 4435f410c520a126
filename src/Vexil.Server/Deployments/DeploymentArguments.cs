using System.Text.RegularExpressions;

namespace Vexil.Server.Deployments;

/// <summary>
/// The rules every <see cref="IDeploymentStore"/> enforces before it touches the database, so each backend refuses the
/// same mistakes with the same sentences. The HTTP endpoint checks the same rules first, with messages for people.
/// </summary>
internal static partial class DeploymentArguments
{
    /// <summary>Longest ref accepted (git allows longer, but no branch or tag a team deploys comes near it).</summary>
    public const int MaxRefLength = 255;

    /// <summary>Longest URL accepted.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Longest recorder name accepted (token names are shorter).</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest <c>per_page</c> the API accepts.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Most rows one list call returns (the API asks for one more than a page, to know whether another follows).</summary>
    public const int MaxListLimit = 1000;

    /// <summary>Whether the text is a full commit sha: 40 hexadecimal digits, either case.</summary>
    public static bool IsFullSha(string? text) => text is not null && FullSha().IsMatch(text);

    /// <summary>Whether the text is an absolute http or https URL.</summary>
    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Checks a deployment before it is stored.</summary>
    public static void Validate(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (string.IsNullOrWhiteSpace(deployment.Environment))
        {
            throw new ArgumentException("A deployment needs an environment: give its canonical name.", nameof(deployment));
        }

        if (!IsFullSha(deployment.Sha))
        {
            throw new ArgumentException($"'{deployment.Sha}' is not a full commit sha: give all 40 hexadecimal digits.", nameof(deployment));
        }

        if (string.IsNullOrWhiteSpace(deployment.Ref) || deployment.Ref.Length > MaxRefLength)
        {
            throw new ArgumentException($"A deployment's ref must be 1 to {MaxRefLength} characters: give the branch or tag deployed.", nameof(deployment));
        }

        if (!Enum.IsDefined(deployment.Status))
        {
            throw new ArgumentException($"'{deployment.Status}' is not a deployment status; use success, failed or running.", nameof(deployment));
        }

        if (deployment.Url is not null && (deployment.Url.Length > MaxUrlLength || !IsHttpUrl(deployment.Url)))
        {
            throw new ArgumentException($"A deployment's URL must be an http(s) URL of at most {MaxUrlLength} characters.", nameof(deployment));
        }

        if (string.IsNullOrWhiteSpace(deployment.RecordedBy) || deployment.RecordedBy.Length > MaxNameLength)
        {
            throw new ArgumentException($"A deployment's recorder must be named in 1 to {MaxNameLength} characters.", nameof(deployment));
        }
    }

    /// <summary>Checks a page size.</summary>
    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"A list returns 1 to {MaxListLimit} deployments.");
        }
    }

    /// <summary>The deployment as stored: sha lower case, ref trimmed, time in UTC cut to whole microseconds (all PostgreSQL keeps).</summary>
    public static Deployment Normalize(Deployment deployment)
    {
        var utc = deployment.FinishedAt.ToUniversalTime();
        return deployment with
        {
            Environment = deployment.Environment.Trim(),
            Sha = deployment.Sha.ToLowerInvariant(),
            Ref = deployment.Ref.Trim(),
            FinishedAt = new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero),
            RecordedBy = deployment.RecordedBy.Trim(),
        };
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex FullSha();
}
