using Microsoft.Extensions.Options;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// Checks <c>Vexil:GitLab</c> at start-up: a URL that is not http(s), or a URL without a token (or the reverse), stops the
/// server with a sentence naming the key, instead of notes silently never arriving.
/// </summary>
public sealed class GitLabInstanceOptionsValidator : IValidateOptions<GitLabInstanceOptions>
{
    private const string Section = GitLabInstanceOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GitLabInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var hasUrl = !string.IsNullOrWhiteSpace(options.Url);
        var hasToken = !string.IsNullOrWhiteSpace(options.Token);
        if (hasUrl && !(Uri.TryCreate(options.Url!.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
        {
            problems.Add($"{Section}:Url is not an absolute http or https URL; set it to the instance's address, e.g. https://gitlab.example.com.");
        }

        if (hasUrl && !hasToken)
        {
            problems.Add($"{Section}:Token is empty while {Section}:Url is set; set an access token with the api scope, or remove the URL.");
        }

        if (hasToken && !hasUrl)
        {
            problems.Add($"{Section}:Url is empty while {Section}:Token is set; set the instance's address, or remove the token.");
        }

        if (!string.IsNullOrWhiteSpace(options.FeatureFlagLogProject) && !hasUrl)
        {
            problems.Add($"{Section}:FeatureFlagLogProject is set but {Section}:Url is not; set the instance's address and token, or remove the project.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
