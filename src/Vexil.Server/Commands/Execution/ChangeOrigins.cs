using System.Globalization;
using Vexil.Server.Changes;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands.Parsing;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// Builds the audit record of each environment's change, after GitLab's feature-flag log issue: the title
/// ("Feature flag 'x' has been set to '50%' of actors on staging"), and details with the scopes, the chat user and
/// channel, the overrides used and the definition's rollout issue.
/// </summary>
public static class ChangeOrigins
{
    /// <summary>The override recorded when <c>--force</c> set a flag that has no definition.</summary>
    public const string DefinitionCheckIgnored = "Definition check ignored";

    /// <summary>The override recorded when <c>feature cleanup --force</c> passed the clean-up checks.</summary>
    public const string CleanupChecksIgnored = "Clean-up checks ignored (--force)";

    /// <summary>Longest command text kept in the details.</summary>
    public const int MaxCommandLength = 1000;

    /// <summary>Who is asking, as audit events record it: the person for chat and dashboard, the token for CLI and API.</summary>
    public static string UserOf(CommandRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var person = string.IsNullOrWhiteSpace(request.UserName) ? null : request.UserName.Trim();
        return request.Source is ChangeChannels.Chat or ChangeChannels.Dashboard
            ? person ?? request.Principal?.Name ?? "unknown"
            : request.Principal?.Name ?? person ?? "unknown";
    }

    /// <summary>GitLab's log title for one environment.</summary>
    public static string Title(FeatureCommand command, EnvironmentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Delete
            ? ChangeTitles.Deleted(command.Name!, plan.Environment.Name)
            : ChangeTitles.Set(command.Name!, command.Value!, SetOperations.IsPercentageOfActors(plan.Operations), plan.Environment.Name);
    }

    /// <summary>The origin of one environment's change.</summary>
    public static ChangeOrigin For(CommandRequest request, FeatureCommand command, EnvironmentPlan plan, FlagDefinition? definition, ConsistencyScope consistency)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chat = request.Source == ChangeChannels.Chat;
        var channel = request.Channel?.Trim().TrimStart('#');
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["value"] = plan.Delete ? "deleted" : command.Value!,
            ["command"] = request.Text.Length > MaxCommandLength ? request.Text[..MaxCommandLength] + "…" : request.Text.Trim(),
        };
        foreach (var (scope, names) in command.Targets.Scopes)
        {
            details[scope] = string.Join(",", names);
        }

        if (chat)
        {
            details["chat_user"] = request.UserName ?? "unknown";
            if (!string.IsNullOrEmpty(channel))
            {
                details["chat_channel"] = "#" + channel;
            }

            foreach (var (key, value) in request.ChatDetails ?? new Dictionary<string, string>())
            {
                // The platform's facts never overwrite what the command itself records.
                if (key.StartsWith("chat_", StringComparison.Ordinal) && !string.IsNullOrEmpty(value))
                {
                    details.TryAdd(key, value);
                }
            }
        }

        if (request.Principal is { } token)
        {
            details["token"] = token.Name;
            details["token_id"] = token.Id.ToString(CultureInfo.InvariantCulture);
        }

        var overrides = Overrides(command, plan, definition, consistency);
        if (overrides.Count > 0)
        {
            details["overrides"] = string.Join("; ", overrides);
        }

        if (definition?.RolloutIssueUrl is { Length: > 0 } rollout)
        {
            details["rollout_issue_url"] = rollout;
        }

        if (definition is not null)
        {
            details["definition_group"] = definition.Group;
        }

        return new ChangeOrigin(
            UserOf(request),
            request.Source,
            chat ? (string.IsNullOrEmpty(channel) ? null : "#" + channel) : request.ClientAddress,
            null,
            request.RequestId)
        {
            Title = Title(command, plan),
            Details = details,
        };
    }

    // Only overrides that mattered for this environment: "Production check ignored" on a staging change would mislead.
    private static List<string> Overrides(FeatureCommand command, EnvironmentPlan plan, FlagDefinition? definition, ConsistencyScope consistency)
    {
        var used = new List<string>();
        if (command.Force && definition is null && !plan.Delete)
        {
            used.Add(DefinitionCheckIgnored);
        }

        if (command.Force && command.Subcommand == FeatureSubcommand.Cleanup)
        {
            used.Add(CleanupChecksIgnored);
        }

        if (command.IgnoreProductionCheck && plan.Environment.IsProtected)
        {
            used.Add("Production check ignored");
        }

        if (command.IgnoreConsistencyCheck && consistency.Covers(plan.Environment))
        {
            used.Add("Feature flag consistency check ignored");
        }

        if (command.IgnoreDeploymentCheck && !plan.Delete)
        {
            used.Add("Deployment check ignored");
        }

        if (command.IgnoreRandomDeprecationCheck && command.Random)
        {
            used.Add("Random deprecation check ignored");
        }

        return used;
    }
}
