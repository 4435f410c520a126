using Vexil.Server.Commands.Parsing;
using Vexil.Server.Text;

namespace Vexil.Server.Commands;

/// <summary>
/// The sentences of the <c>feature</c> command. Those marked GitLab are GitLab ChatOps' messages word for word
/// (see <c>reference/gitlab-chatops.md</c>), because people follow rollout issues and runbooks written against them.
/// </summary>
public static class CommandMessages
{
    /// <summary>GitLab, set check 1.</summary>
    public const string NameAndValueRequired = "You must specify the name of the feature flag and its new value.";

    /// <summary>GitLab, set check 3.</summary>
    public const string PercentageNeedsModifier = "One of `--actors` or `--random` must be set for percentage values.";

    /// <summary>GitLab, set check 4.</summary>
    public const string ModifierExcludesTargets =
        "`--actors` and `--random` cannot be set together with `--project`, `--group`, `--feature-group`, `--namespace`, `--user`, or `--repository`.";

    /// <summary>GitLab, set check 5.</summary>
    public const string RandomDeprecated =
        "Time percentage feature flags are being deprecated in favor of using actors. If you understand the consequences, you can force it using --ignore-random-deprecation-check";

    /// <summary>GitLab, set check 7.</summary>
    public const string ProductionCheckFailed =
        "Unable to proceed due to production check failure. If you absolutely must change the state of this feature flag, please confirm with the current SRE oncall `@sre-oncall`, and use the --ignore-production-check option.";

    /// <summary>GitLab: the production check did not answer in time.</summary>
    public const string ProductionCheckTimedOut =
        "Timed out waiting for a response for production check. If the check passes past the timeout, you can retry and use the override option.";

    /// <summary>GitLab, set check 8. (GitLab's text ends with a space, which chat clients drop; Vexil leaves it off.)</summary>
    public const string InconsistentStatus =
        "Unable to proceed due to inconsistent feature flag status. When the flag on production is turned on, staging should be on too. If you absolutely must change the state of this feature flag, please confirm with the current SRE oncall `@sre-oncall`, and use the --ignore-feature-flag-consistency-check.";

    /// <summary>GitLab: an unknown subcommand.</summary>
    public const string InvalidSubcommand =
        "The feature subcommand is invalid. The following subcommands are available: get, set, list, delete";

    /// <summary>GitLab: the reply to a successful set.</summary>
    public const string Updated = "The feature flag value has been updated!";

    /// <summary>Vexil: both percentage modifiers at once.</summary>
    public const string ActorsAndRandom = "`--actors` and `--random` cannot be set together: use `--actors` for a percentage of actors.";

    /// <summary>Vexil: nothing was sent.</summary>
    public const string Empty = "Send a command such as `feature get duo_chat_multi_thread`; `feature --help` lists them all.";

    /// <summary>GitLab, set check 2.</summary>
    public static string InvalidValue(string value) =>
        $"The value {RubyInspect.Of(value)} is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.";

    /// <summary>GitLab, set check 6 (<c>#production</c> unless <c>Vexil:ChatOps:ProductionChannelName</c> names the channel otherwise).</summary>
    public static string ProductionChannelOnly(string channel) =>
        $"Unable to proceed because a production feature flag change may only be invoked in the #{channel} Slack channel.";

    /// <summary>GitLab's get without a name (with one of our seed flags as the example).</summary>
    public static string NameRequired(string subcommand) =>
        $"You must specify the name of the feature. For example: `feature {subcommand} duo_chat_multi_thread`";

    /// <summary>GitLab: a flag that is neither stored nor defined in the environment read.</summary>
    public static string DoesNotExist(string name, string environment) => $"The feature \"{name}\" does not exist on {environment}.";

    /// <summary>GitLab's reply to a delete, per environment.</summary>
    public static string Removed(string name, string environment) => $"Feature flag {name} has been removed from {environment}!";
}
