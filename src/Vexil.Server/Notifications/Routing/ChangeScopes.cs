using Vexil.Core.State;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// What a change was scoped to. Writers record their scopes in the audit details (the <c>feature</c> command and the
/// GitLab Features API both write <c>user</c>, <c>group</c>, ... as comma lists); for a writer that does not, the
/// actors and feature groups that an actor or group operation added or removed are read from the before and after
/// states, so a scoped change is never mistaken for a global one.
/// </summary>
public static class ChangeScopes
{
    /// <summary>The detail keys that hold scopes, in GitLab's order.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["user", "project", "group", "feature_group", "namespace", "repository"];

    private static readonly HashSet<string> ScopedActions = new(StringComparer.Ordinal)
    {
        "enable_actor", "disable_actor", "enable_group", "disable_group", "opt_out", "remove_opt_out",
    };

    private static readonly Dictionary<string, string> ActorKinds = new(StringComparer.Ordinal)
    {
        ["User"] = "user",
        ["Project"] = "project",
        ["Group"] = "group",
        ["Namespace"] = "namespace",
        ["Repository"] = "repository",
    };

    /// <summary>The change's scopes; empty for a change to the whole flag.</summary>
    public static IReadOnlyList<ChangeScope> Of(AuditEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var scopes = new List<ChangeScope>();
        foreach (var kind in Kinds)
        {
            if (change.Details.TryGetValue(kind, out var names))
            {
                scopes.AddRange(names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => new ChangeScope(kind, name)));
            }
        }

        return scopes.Count > 0 || !IsScopedAction(change) ? scopes : FromStates(change.Before ?? FlagState.Empty, change.After ?? FlagState.Empty);
    }

    // "set" is what a writer records for several operations at once; the diff tells whether they touched actors.
    private static bool IsScopedAction(AuditEvent change) => ScopedActions.Contains(change.Action) || change.Action == "set";

    private static List<ChangeScope> FromStates(FlagState before, FlagState after)
    {
        var scopes = new List<ChangeScope>();
        foreach (var entry in before.Actors.SymmetricExcept(after.Actors))
        {
            var actor = entry.EndsWith(FlagState.OptOutSuffix, StringComparison.Ordinal) ? entry[..^FlagState.OptOutSuffix.Length] : entry;
            var colon = actor.IndexOf(':', StringComparison.Ordinal);
            scopes.Add(colon > 0 && ActorKinds.TryGetValue(actor[..colon], out var kind)
                ? new ChangeScope(kind, actor[(colon + 1)..])
                : new ChangeScope("actor", actor));
        }

        scopes.AddRange(before.Groups.SymmetricExcept(after.Groups).Select(group => new ChangeScope("feature_group", group)));
        return scopes;
    }
}
