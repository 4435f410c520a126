using Vexil.Core.Actors;
using Vexil.Core.Text;
using Vexil.Server.Changes;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// Reads the targets of a change from <c>feature_group</c>, <c>user</c>, <c>project</c>, <c>group</c>,
/// <c>namespace</c> and <c>repository</c>, in the order GitLab's <c>Feature::Target#targets</c> processes them. GitLab
/// looks each name up in its database and uses the record's flipper id; Vexil has no such records, so the name itself
/// becomes the id: <c>user=alice</c> is <c>User:alice</c>.
/// </summary>
internal static class FeatureTargets
{
    private static readonly (string Parameter, string ActorType)[] ActorParameters =
    [
        (GitLabParameterNames.User, "User"),
        (GitLabParameterNames.Project, "Project"),
        (GitLabParameterNames.Group, "Group"),
        (GitLabParameterNames.Namespace, "Namespace"),
        (GitLabParameterNames.Repository, "Repository"),
    ];

    /// <summary>True when any target parameter is present, even empty (GitLab's <c>gate_specified?</c>).</summary>
    public static bool AreSpecified(GitLabParameters parameters) => GitLabParameterNames.Targets.Any(parameters.Has);

    /// <summary>Reads the targets in GitLab's order. Returns null on success, otherwise what to fix.</summary>
    public static string? TryRead(GitLabParameters parameters, out List<FeatureTarget> targets)
    {
        targets = [];
        if (parameters.Get(GitLabParameterNames.FeatureGroup) is { } featureGroup)
        {
            var name = featureGroup.Trim();
            if (ValidateGroupName(name) is { } problem)
            {
                return problem;
            }

            targets.Add(new FeatureTarget(name, IsFeatureGroup: true));
        }

        foreach (var (parameter, actorType) in ActorParameters)
        {
            if (parameters.Get(parameter) is not { } list)
            {
                continue;
            }

            var parts = list.Split(',');
            if (parts.All(part => part.Trim().Length == 0))
            {
                return $"{parameter} is empty: send one or more comma-separated names, e.g. {parameter}=alice,bob.";
            }

            foreach (var part in parts)
            {
                // GitLab looks every name up and refuses one it cannot find; an empty one is never found.
                var name = part.Trim();
                if (name.Length == 0)
                {
                    return $"{parameter} has an empty name in its list ('{TextRules.Printable(list.Length > 80 ? list[..80] + "…" : list)}'): remove the extra comma, e.g. {parameter}=alice,bob.";
                }

                targets.Add(new FeatureTarget(ActorId.Of(actorType, name), IsFeatureGroup: false));
            }
        }

        var actors = targets.Count(target => !target.IsFeatureGroup);
        if (actors > ChangeTargetLimit.MaxTargets)
        {
            return ChangeTargetLimit.TooMany(actors);
        }

        return null;
    }

    // Enabling an unregistered group is refused by the write path (naming the registered ones); this keeps an
    // unusable name out of the audit log for the other operations too.
    private static string? ValidateGroupName(string name)
    {
        if (name.Length == 0)
        {
            return "feature_group is empty: name a registered feature group, e.g. feature_group=gitlab_team_members.";
        }

        if (name.Length > 255 || name.Any(char.IsControl))
        {
            return "feature_group is not a feature group name: use the name declared under Vexil:FeatureGroups.";
        }

        return null;
    }
}
