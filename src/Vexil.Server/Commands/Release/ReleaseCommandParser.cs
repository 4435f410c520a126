using Vexil.Server.Commands.Parsing;

namespace Vexil.Server.Commands.Release;

/// <summary>
/// Recognises GitLab's ChatOps <c>auto_deploy status &lt;sha&gt;</c> and <c>release check &lt;mr-url or sha&gt; [X.Y]</c>
/// (with or without a leading <c>/chatops run</c>). Text that starts with another word is not for it, and goes to
/// the <c>feature</c> parser.
/// </summary>
public static class ReleaseCommandParser
{
    /// <summary>The word of <c>auto_deploy status</c>.</summary>
    public const string AutoDeploy = "auto_deploy";

    /// <summary>The word of <c>release check</c>.</summary>
    public const string Release = "release";

    /// <summary>The usage of <c>auto_deploy status</c>.</summary>
    public const string AutoDeployUsage = "Give the commit: `auto_deploy status <sha>`, e.g. `auto_deploy status 1a2b3c4d`.";

    /// <summary>The usage of <c>release check</c>.</summary>
    public const string ReleaseUsage = "Give the merge request and, optionally, the monthly release: `release check <merge-request-url or sha> [X.Y]`, e.g. `release check https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977 17.9`.";

    /// <summary>Null when the text is not a deployment or release command; otherwise the command or what to fix.</summary>
    public static ReleaseParseResult? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > FeatureCommandParser.MaxTextLength)
        {
            return null;
        }

        var tokenized = CommandTokenizer.Tokenize(text);
        if (tokenized.Error is not null)
        {
            return null;
        }

        var words = tokenized.Tokens.Select(token => token.Text).ToList();
        var index = 0;
        if (index < words.Count && string.Equals(words[index], "/chatops", StringComparison.OrdinalIgnoreCase))
        {
            index++;
        }

        if (index < words.Count && string.Equals(words[index], "run", StringComparison.OrdinalIgnoreCase))
        {
            index++;
        }

        if (index >= words.Count)
        {
            return null;
        }

        var command = words[index].ToLowerInvariant();
        var rest = words.Skip(index + 1).ToList();
        return command switch
        {
            AutoDeploy => AutoDeployStatus(rest),
            Release => ReleaseCheck(rest),
            _ => null,
        };
    }

    private static ReleaseParseResult AutoDeployStatus(List<string> words)
    {
        if (words.Count == 0 || !string.Equals(words[0], "status", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"The auto_deploy subcommand is invalid. The following subcommands are available: status. {AutoDeployUsage}");
        }

        return words.Count == 2
            ? new ReleaseParseResult(new ReleaseCommand(ReleaseCommandKind.AutoDeployStatus, words[1].Trim('`'), null), null)
            : Fail(AutoDeployUsage);
    }

    private static ReleaseParseResult ReleaseCheck(List<string> words)
    {
        if (words.Count == 0 || !string.Equals(words[0], "check", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"The release subcommand is invalid. The following subcommands are available: check. {ReleaseUsage}");
        }

        return words.Count is 2 or 3
            ? new ReleaseParseResult(new ReleaseCommand(ReleaseCommandKind.ReleaseCheck, words[1].Trim('`', '<', '>'), words.Count == 3 ? words[2] : null), null)
            : Fail(ReleaseUsage);
    }

    private static ReleaseParseResult Fail(string error) => new(null, error);
}
