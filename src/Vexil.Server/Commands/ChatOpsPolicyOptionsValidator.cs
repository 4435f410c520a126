using Microsoft.Extensions.Options;

namespace Vexil.Server.Commands;

/// <summary>
/// Checks <c>Vexil:ChatOps:ProductionChannel</c> and <c>:ProductionUsers</c> at start-up: they hold ids, and a name
/// there (a setting from before ids, or a slip) would otherwise never match and refuse every production change from
/// chat with a sentence that does not say why.
/// </summary>
internal sealed class ChatOpsPolicyOptionsValidator : IValidateOptions<ChatOpsPolicyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChatOpsPolicyOptions options)
    {
        var failures = new List<string>();
        if (ChatIdentifiers.Normalize(options.ProductionChannel) is { } channel && !ChatIdentifiers.IsId(channel))
        {
            failures.Add(
                $"{ChatOpsPolicyOptions.ProductionChannelKey} is '{channel}', which is not a channel id: set it to the production channel's id, which a rename cannot change ({ChatIdentifiers.Examples}; docs/chatops.md says where to find it), and put the name for messages in {ChatOpsPolicyOptions.Section}:ProductionChannelName.");
        }

        for (var i = 0; i < options.ProductionUsers.Count; i++)
        {
            if (ChatIdentifiers.Normalize(options.ProductionUsers[i]) is { } user && !ChatIdentifiers.IsId(user))
            {
                failures.Add(
                    $"{ChatOpsPolicyOptions.ProductionUsersKey}:{i} is '{user}', which is not a user id: list the users' ids, which renames cannot change ({ChatIdentifiers.Examples}; docs/chatops.md says where to find them).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
