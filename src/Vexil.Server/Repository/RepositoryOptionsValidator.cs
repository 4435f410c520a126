using Microsoft.Extensions.Options;

namespace Vexil.Server.Repository;

/// <summary>
/// Checks <c>Vexil:Repository</c> at start-up: a fetch interval that would hammer the remote, or a branch or tag pattern
/// without its placeholders, stops the server with a sentence naming the key.
/// </summary>
public sealed class RepositoryOptionsValidator : IValidateOptions<RepositoryOptions>
{
    private const string Section = RepositoryOptions.Section;

    /// <summary>The shortest fetch interval accepted.</summary>
    public static readonly TimeSpan MinFetchInterval = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RepositoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.FetchInterval < MinFetchInterval)
        {
            problems.Add($"{Section}:FetchInterval is {options.FetchInterval}; set at least {MinFetchInterval} (e.g. 00:05:00), and use POST /api/v1/repository/fetch to fetch at once.");
        }

        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add($"{Section}:Path is empty; set the folder of the mirror, e.g. data/repository.git.");
        }

        if (VersionPattern.Problem(options.StableBranchPattern, VersionPattern.MajorMinor) is { } branch)
        {
            problems.Add($"{Section}:StableBranchPattern {branch}, e.g. {{major}}-{{minor}}-stable-ee.");
        }

        if (VersionPattern.Problem(options.TagPattern, VersionPattern.MajorMinorPatch) is { } tag)
        {
            problems.Add($"{Section}:TagPattern {tag}, e.g. v{{major}}.{{minor}}.{{patch}}-ee.");
        }

        if (!string.IsNullOrWhiteSpace(options.WebUrl) && !(Uri.TryCreate(options.WebUrl.Trim(), UriKind.Absolute, out var web) && web.Scheme is "http" or "https"))
        {
            problems.Add($"{Section}:WebUrl is not an absolute http or https URL; set the repository's web page, e.g. https://gitlab.example.com/group/project.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
