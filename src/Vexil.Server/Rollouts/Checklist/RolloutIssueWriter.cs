using System.Text;
using Vexil.Server.Environments;

namespace Vexil.Server.Rollouts.Checklist;

/// <summary>
/// Writes a rollout issue for a flag in Markdown, following the structure of GitLab's rollout issues (summary, owners,
/// expectations, non-production and production rollout, release, rollback) in our own words, with the flag's name,
/// links, group and commands filled in and the items the live checklist finds done already ticked.
/// </summary>
public static class RolloutIssueWriter
{
    /// <summary>The issue's Markdown.</summary>
    public static string Write(FlagChecklistView checklist, EnvironmentCatalog environments)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        ArgumentNullException.ThrowIfNull(environments);
        var name = checklist.Flag;
        var definition = checklist.Definition;
        var nonProduction = string.Join(' ', environments.All.Where(e => !e.IsProtected).Select(e => "--" + e.Name));
        var all = string.Join(' ', environments.All.Select(e => "--" + e.Name));
        // Production proper: the default environment when protected (a protected canary is not it).
        var production = (environments.Default.IsProtected ? environments.Default : environments.All.LastOrDefault(e => e.IsProtected))?.Name ?? "production";
        var text = new StringBuilder();
        text.Append("# [Feature flag] Rollout of `").Append(name).Append("`\n\n");
        text.Append("## Summary\n\n");
        text.Append("This issue tracks turning on, in production, the feature behind the `").Append(name).Append("` flag.\n\n");
        text.Append("- Group: ").Append(definition?.Group ?? "(no definition loaded)").Append('\n');
        text.Append("- Milestone: ").Append(definition?.Milestone ?? "(unknown)").Append('\n');
        text.Append("- Introduced by: ").Append(definition?.IntroducedByUrl ?? "(unknown)").Append('\n');
        if (definition?.FeatureIssueUrl is { } feature)
        {
            text.Append("- Feature issue: ").Append(feature).Append('\n');
        }

        text.Append("\n## Owners\n\n- Team channel: the channel of ").Append(definition?.Group ?? "the owning group").Append("\n- People to ask: (fill in)\n\n");
        text.Append("## Expectations\n\n### What should happen?\n\n(fill in)\n\n### What could go wrong, and how would we notice?\n\n(fill in: name the dashboards and the Prometheus checks the plan watches)\n\n");

        text.Append("## Rollout steps\n\n### Non-production environments\n\n");
        Item(text, checklist, "definition_exists", "The flag's definition is merged");
        Item(text, checklist, "deployed", "The merge request with the flag is deployed to non-production (`auto_deploy status <merge-commit>`)");
        Item(text, checklist, "partial_non_production", $"Enable it for a percentage: `feature set {name} 50 --actors {nonProduction}`, and watch the error rates");
        Item(text, checklist, "global_non_production", $"Enable it globally: `feature set {name} true {nonProduction}`, and check the feature works");

        text.Append("\n### Production, for some actors\n\nRun production commands in the production channel, and share the answer in the team's channel.\n\n");
        Item(text, checklist, "deployed", $"The merge request is deployed to {production} (`auto_deploy status <merge-commit>`)");
        Item(text, checklist, "actors_production", $"Enable it for chosen actors, e.g. `feature set --feature-group=gitlab_team_members {name} true`, and check it works for them");

        text.Append("\n### Production, for everyone\n\n");
        Item(text, checklist, "percentage_production", $"Let Vexil run the ladder: `feature rollout {name} --{production} --steps 1,10,25,50,75,100 --every 15m --actors --check error_rate`");
        Item(text, checklist, "global_production", $"The last step enables it globally (`feature set {name} true`)");
        Item(text, checklist, "verification_over", "A day of verification has passed with the checks holding");

        text.Append("\n## Release the feature\n\n");
        Item(text, checklist, "default_enabled", "Either set `default_enabled: true` in the definition and ship it");
        Item(text, checklist, "definition_removed", "Or remove the flag from the code and its definition from the repository");
        Item(text, checklist, "code_removed", $"No code reads the flag any more (`vexil scan --flag {name}` lists what is left)");
        Item(text, checklist, "state_deleted", $"Once that is deployed to production, delete the flag's state everywhere: `feature delete {name} {all}`");
        text.Append("- [ ] Close this issue\n");

        text.Append("\n## Rollback steps\n\n");
        text.Append("- Stop a running plan: `feature rollout abort ").Append(name).Append("`\n");
        text.Append("- Turn it off on production: `feature set ").Append(name).Append(" false`\n");
        text.Append("- Turn it off on non-production: `feature set ").Append(name).Append(" false ").Append(nonProduction).Append("`\n");
        text.Append("- Delete its state everywhere: `feature delete ").Append(name).Append(' ').Append(all).Append("`\n");
        return text.ToString();
    }

    private static void Item(StringBuilder text, FlagChecklistView checklist, string key, string line)
    {
        var item = checklist[key];
        text.Append(item.State == ChecklistItem.Done ? "- [x] " : "- [ ] ").Append(line);
        if (item.State == ChecklistItem.Done)
        {
            text.Append(" (").Append(item.Evidence.TrimEnd('.')).Append(')');
        }

        text.Append('\n');
    }
}
