using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Cli.Tests.EndToEnd;

/// <summary>
/// The two seed rollout issues (duo_chat_multi_thread and code_suggestions_context), step by step, typed as <c>vexil</c> commands: the real CLI binary against
/// the real server process. The refusals the issue's process relies on (consistency, invalid value, a percentage
/// without <c>--actors</c>, an open incident) come back with GitLab's sentences and the right exit codes.
/// </summary>
public sealed class SeedRolloutTests : RealServerCliTests
{
    private const string Flag = "duo_chat_multi_thread";
    private const string NonProductionOptions = "--dev --pre --staging --staging-ref";
    private static readonly string[] NonProduction = ["dev", "pre", "staging", "staging-ref"];

    [Fact]
    public async Task Duo_chat_multi_thread_rollout_issue_through_the_cli()
    {
        // Production before staging: the consistency check refuses (exit 1) and nothing changes.
        var tooEarly = await VexilAsync($"feature set {Flag} true");
        AssertExit(1, tooEarly);
        Assert.Equal(
            "Unable to proceed due to inconsistent feature flag status. When the flag on production is turned on, staging should be on too. "
            + "If you absolutely must change the state of this feature flag, please confirm with the current SRE oncall `@sre-oncall`, "
            + "and use the --ignore-feature-flag-consistency-check.\n",
            tooEarly.Error);

        // Mistakes in the command are usage errors (exit 2), in GitLab's words.
        var invalid = await VexilAsync($"feature set {Flag} 150 --actors {NonProductionOptions}");
        AssertExit(2, invalid);
        Assert.Equal("The value \"150\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.\n", invalid.Error);

        var noModifier = await VexilAsync($"feature set {Flag} 50 {NonProductionOptions}");
        AssertExit(2, noModifier);
        Assert.Equal("One of `--actors` or `--random` must be set for percentage values.\n", noModifier.Error);

        // A word with a space reaches the server as one word: it quotes it back as the value it refused.
        var spaced = await Sandbox.RunProcessAsync(["feature", "set", Flag, "fifty percent", "--staging"]);
        AssertExit(2, spaced);
        Assert.StartsWith("The value \"fifty percent\" is invalid.", spaced.Error, StringComparison.Ordinal);

        // Rollout on non-production environments: 50% of actors, then fully on.
        var fifty = await VexilAsync($"feature set {Flag} 50 --actors {NonProductionOptions}");
        AssertExit(0, fifty);
        Assert.Equal(
            string.Join("\n\n", NonProduction
                .Select(environment => $"{environment}\n  Name: {Flag}\n  State: Enabled\n  Enabled Globally: false\n  percentage_of_actors: 50")
                .Prepend("The feature flag value has been updated!")) + "\n",
            fifty.Out);

        AssertExit(0, await VexilAsync($"feature set {Flag} true {NonProductionOptions}"));

        // Specific rollout on production: the issue's user, group and feature-group options.
        AssertExit(0, await VexilAsync($"feature set --user=lulalala {Flag} true"));
        AssertExit(0, await VexilAsync($"feature set --group=gitlab-org,gitlab-com {Flag} true"));
        AssertExit(0, await VexilAsync($"feature set --feature-group=gitlab_team_members {Flag} true"));

        var scoped = await VexilAsync($"feature get {Flag}");
        AssertExit(0, scoped);
        Assert.Contains("  Enabled Globally: false\n", scoped.Out, StringComparison.Ordinal);
        Assert.Contains("  Scoped to: Group:gitlab-com, Group:gitlab-org, User:lulalala\n", scoped.Out, StringComparison.Ordinal);
        Assert.Contains("  groups: gitlab_team_members\n", scoped.Out, StringComparison.Ordinal);

        // An open severity-1 incident fails the production check until it is closed.
        var incident = await VexilAsync("incident open Duo Chat errors --severity 1 --json");
        AssertExit(0, incident);
        long incidentId;
        using (var opened = JsonDocument.Parse(incident.Out))
        {
            incidentId = opened.RootElement.GetProperty("id").GetInt64();
        }

        var blocked = await VexilAsync($"feature set {Flag} true");
        AssertExit(1, blocked);
        Assert.StartsWith("Unable to proceed due to production check failure.", blocked.Error, StringComparison.Ordinal);
        Assert.Contains($"- Incident #{incidentId} (severity 1) is open: Duo Chat errors", blocked.Error, StringComparison.Ordinal);

        AssertExit(0, await VexilAsync($"incident close {incidentId}"));

        // Global rollout on production.
        var global = await VexilAsync($"feature set {Flag} true");
        AssertExit(0, global);
        Assert.Equal($"The feature flag value has been updated!\n\nproduction\n  Name: {Flag}\n  State: Enabled\n  Enabled Globally: true\n", global.Out);

        // Rollback steps: production first, then the other environments.
        AssertExit(0, await VexilAsync($"feature set {Flag} false"));
        AssertExit(0, await VexilAsync($"feature set {Flag} false {NonProductionOptions}"));

        // Clean-up everywhere.
        var delete = await VexilAsync($"feature delete {Flag} {NonProductionOptions} --production");
        AssertExit(0, delete);
        Assert.Equal(
            string.Join("\n\n", NonProduction.Append("production").Select(environment => $"Feature flag {Flag} has been removed from {environment}!")) + "\n",
            delete.Out);

        // Every accepted change is in the audit log, recorded as coming through the CLI; refusals wrote nothing.
        var audit = await VexilAsync($"audit --flag {Flag} --page-size 100 --json");
        AssertExit(0, audit);
        using var page = JsonDocument.Parse(audit.Out);
        var events = page.RootElement.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(4 + 4 + 3 + 1 + 1 + 4 + 5, events.Length);
        Assert.All(events, e => Assert.Equal("cli", e.GetProperty("via").GetString()));
        Assert.Equal($"Feature flag '{Flag}' has been deleted on production", events[0].GetProperty("title").GetString());

        var table = await VexilAsync($"audit --flag {Flag} --env production");
        AssertExit(0, table);
        Assert.Contains("Page 1 of 1, 6 events.", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_suggestions_context_rollout_issue_through_the_cli()
    {
        const string Other = "code_suggestions_context";

        // Non-production at the recommended 50% of actors, then fully on.
        var fifty = await VexilAsync($"feature set {Other} 50 --actors {NonProductionOptions}");
        AssertExit(0, fifty);
        Assert.StartsWith("The feature flag value has been updated!\n\ndev\n", fifty.Out, StringComparison.Ordinal);
        Assert.Contains("  percentage_of_actors: 50\n", fifty.Out, StringComparison.Ordinal);
        AssertExit(0, await VexilAsync($"feature set {Other} true {NonProductionOptions}"));

        // Production for the project actors and group actors named in the issue.
        var projects = await VexilAsync($"feature set --project=gitlab-org/gitlab,gitlab-org/gitlab-foss,gitlab-com/www-gitlab-com {Other} true");
        AssertExit(0, projects);
        Assert.Contains("  Scoped to: Project:gitlab-com/www-gitlab-com, Project:gitlab-org/gitlab, Project:gitlab-org/gitlab-foss\n", projects.Out, StringComparison.Ordinal);
        AssertExit(0, await VexilAsync($"feature set --group=gitlab-org,gitlab-com {Other} true"));
        AssertExit(0, await VexilAsync($"feature set --user=ck3g {Other} true"));

        var got = await VexilAsync($"feature get {Other}");
        AssertExit(0, got);
        Assert.Contains("  State: Enabled\n", got.Out, StringComparison.Ordinal);
        Assert.Contains("  Enabled Globally: false\n", got.Out, StringComparison.Ordinal);

        // Staging cannot be turned off while production has the flag on.
        var staleStaging = await VexilAsync($"feature set {Other} false --staging");
        AssertExit(1, staleStaging);
        Assert.StartsWith("Unable to proceed due to inconsistent feature flag status.", staleStaging.Error, StringComparison.Ordinal);

        // Global rollout, rollback, clean-up.
        AssertExit(0, await VexilAsync($"feature set {Other} true"));
        AssertExit(0, await VexilAsync($"feature set {Other} false"));
        AssertExit(0, await VexilAsync($"feature set {Other} false {NonProductionOptions}"));
        var delete = await VexilAsync($"feature delete {Other} {NonProductionOptions} --production");
        AssertExit(0, delete);
        Assert.EndsWith($"Feature flag {Other} has been removed from production!\n", delete.Out, StringComparison.Ordinal);

        var list = await VexilAsync("feature list --production");
        AssertExit(0, list);
        Assert.DoesNotContain(Other, list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feature_get_of_an_unknown_flag_and_a_bad_token()
    {
        var unknown = await VexilAsync("feature get no_such_flag");
        AssertExit(1, unknown);
        Assert.Equal("The feature \"no_such_flag\" does not exist on production.\n", unknown.Error);

        Sandbox.Variables["VEXIL_TOKEN"] = "vxl_not_a_token";
        var refused = await VexilAsync($"feature get {Flag}");
        AssertExit(1, refused);
        Assert.StartsWith("The token from VEXIL_TOKEN was refused: run `vexil login` or set VEXIL_TOKEN.", refused.Error, StringComparison.Ordinal);
    }

    private Task<CliRun> VexilAsync(string commandLine) =>
        Sandbox.RunProcessAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
