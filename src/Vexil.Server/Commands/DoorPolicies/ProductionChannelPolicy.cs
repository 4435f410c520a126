using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.DoorPolicies;

/// <summary>
/// GitLab's set check 6: from chat, protected environments change only in the production channel, where everyone
/// watching production sees it. The channel is matched by its id (<c>Vexil:ChatOps:ProductionChannel</c>), because
/// anyone can name a channel <c>production</c>; without a configured id, chat changes no protected environment.
/// </summary>
public sealed class ProductionChannelPolicy(IOptions<ChatOpsPolicyOptions> options) : IDoorPolicy
{
    /// <summary>The refusal when no production channel id is configured.</summary>
    public const string NotConfigured =
        $"Unable to proceed because no production channel is configured: an admin must set {ChatOpsPolicyOptions.ProductionChannelKey} to the id of the channel where production changes are made (e.g. C0123456789).";

    private readonly string? channelId = ChatIdentifiers.Normalize(options.Value.ProductionChannel);
    private readonly string channelName = DisplayName(options.Value.ProductionChannelName);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(DoorPolicyContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Source != ChangeChannels.Chat
            || (channelId is not null && string.Equals(ChatIdentifiers.Normalize(context.Request.ChannelId), channelId, StringComparison.Ordinal)))
        {
            return ValueTask.CompletedTask;
        }

        var refusal = channelId is null ? NotConfigured : CommandMessages.ProductionChannelOnly(channelName);
        foreach (var plan in context.Plans.Where(plan => plan.Environment.IsProtected))
        {
            context.Refuse(plan, refusal);
        }

        return ValueTask.CompletedTask;
    }

    private static string DisplayName(string? name) =>
        (name ?? string.Empty).Trim().TrimStart('#') is { Length: > 0 } trimmed ? trimmed : "production";
}
