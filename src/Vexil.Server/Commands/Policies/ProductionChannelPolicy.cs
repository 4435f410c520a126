using Microsoft.Extensions.Options;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Policies;

/// <summary>
/// GitLab's set check 6: from chat, protected environments change only in the production channel
/// (<c>Vexil:ChatOps:ProductionChannel</c>, <c>production</c> by default), where everyone watching production sees it.
/// </summary>
public sealed class ProductionChannelPolicy(IOptions<ChatOpsPolicyOptions> options) : IChangePolicy
{
    private readonly string channel = Normalize(options.Value.ProductionChannel);

    /// <inheritdoc />
    public bool AppliesTo(FeatureSubcommand subcommand) => true;

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PolicyContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Source != ChangeChannels.Chat
            || string.Equals(Normalize(context.Request.Channel), channel, StringComparison.OrdinalIgnoreCase))
        {
            return ValueTask.CompletedTask;
        }

        foreach (var plan in context.Plans.Where(plan => plan.Environment.IsProtected))
        {
            context.Refuse(plan, CommandMessages.ProductionChannelOnly(channel));
        }

        return ValueTask.CompletedTask;
    }

    private static string Normalize(string? name) => (name ?? string.Empty).Trim().TrimStart('#');
}
