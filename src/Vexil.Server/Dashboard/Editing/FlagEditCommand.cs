using System.Text;
using Vexil.Core.State;
using Vexil.Server.Environments;

namespace Vexil.Server.Dashboard.Editing;

/// <summary>
/// Turns a flag page form into the text of a <c>feature set</c> command, which the page then hands to the same command
/// executor chat and the CLI use: the grammar, the door policies, the guard rails, the audit and the answers are theirs.
/// Values typed by the person are double-quoted with <c>\</c> and <c>"</c> escaped, so no input can add an option.
/// </summary>
public static class FlagEditCommand
{
    /// <summary>The actions the forms post.</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal)
    {
        "enable", "disable", "percentage", "add-actor", "remove-actor", "add-group", "remove-group", "add-opt-out", "remove-opt-out",
    };

    /// <summary>The actor kinds the command grammar has a target option for, with the flipper id prefix of each.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActorKinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["user"] = "User",
        ["project"] = "Project",
        ["group"] = "Group",
        ["namespace"] = "Namespace",
        ["repository"] = "Repository",
    };

    /// <summary>The command text, or an error sentence saying what to fill in.</summary>
    public static (string? Command, string? Error) Build(string flag, VexilEnvironment environment, FlagEditForm form)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(form);
        if (form.Remove is { Length: > 0 } remove && !ApplyRemoval(form, remove))
        {
            return (null, "That entry cannot be removed here: its actor kind has no command option; remove it from chat or the API.");
        }

        var text = new StringBuilder("feature set ").Append(flag).Append(' ');
        var target = form.Target?.Trim() ?? string.Empty;
        switch (form.Action)
        {
            case "enable":
                text.Append("true");
                break;
            case "disable":
                text.Append("false");
                break;
            case "percentage":
                if (string.IsNullOrWhiteSpace(form.Percentage))
                {
                    return (null, "Type a percentage of actors from 0 to 100 (e.g. 50), then apply it.");
                }

                text.Append(Quote(form.Percentage.Trim())).Append(" --actors");
                break;
            case "add-actor" or "remove-actor" or "add-opt-out" or "remove-opt-out":
                if (form.ActorKind is null || !ActorKinds.ContainsKey(form.ActorKind))
                {
                    return (null, "Choose the actor's kind: user, project, group, namespace or repository.");
                }

                if (target.Length == 0)
                {
                    return (null, $"Type the {form.ActorKind}'s name or path (e.g. lulalala or gitlab-org/gitlab).");
                }

                var id = form.Action.EndsWith("opt-out", StringComparison.Ordinal) ? target + FlagState.OptOutSuffix : target;
                text.Append(form.Action.StartsWith("add", StringComparison.Ordinal) ? "true" : "false")
                    .Append(" --").Append(form.ActorKind).Append('=').Append(Quote(id));
                break;
            case "add-group" or "remove-group":
                if (target.Length == 0)
                {
                    return (null, "Type the feature group's name (e.g. gitlab_team_members).");
                }

                text.Append(form.Action == "add-group" ? "true" : "false").Append(" --feature-group=").Append(Quote(target));
                break;
            default:
                return (null, "Choose what to change: enable, disable, a percentage of actors, an actor, a group or an opt-out.");
        }

        if (form.IgnoreProductionCheck)
        {
            text.Append(" --ignore-production-check");
        }

        if (form.IgnoreConsistencyCheck)
        {
            text.Append(" --ignore-feature-flag-consistency-check");
        }

        return (text.Append(" --").Append(environment.Name).ToString(), null);
    }

    /// <summary>
    /// Splits a stored actor entry (<c>User:lulalala</c>, <c>User:lulalala:opt_out</c>) into the form fields that remove
    /// it; null for an id whose kind the command has no option for (it can still be removed from chat or the API).
    /// </summary>
    public static (string Action, string Kind, string Target)? RemovalOf(string actorEntry)
    {
        ArgumentNullException.ThrowIfNull(actorEntry);
        var optOut = actorEntry.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal);
        var id = optOut ? actorEntry[..^FlagState.OptOutSuffix.Length] : actorEntry;
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var prefix = id[..colon];
        var kind = ActorKinds.FirstOrDefault(pair => pair.Value == prefix).Key;
        return kind is null ? null : (optOut ? "remove-opt-out" : "remove-actor", kind, id[(colon + 1)..]);
    }

    private static bool ApplyRemoval(FlagEditForm form, string remove)
    {
        if (remove.StartsWith("group:", StringComparison.Ordinal))
        {
            (form.Action, form.Target) = ("remove-group", remove["group:".Length..]);
            return true;
        }

        if (remove.StartsWith("actor:", StringComparison.Ordinal) && RemovalOf(remove["actor:".Length..]) is { } removal)
        {
            (form.Action, form.ActorKind, form.Target) = removal;
            return true;
        }

        return false;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
