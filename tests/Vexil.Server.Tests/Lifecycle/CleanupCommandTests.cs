using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Commands.Results;
using Vexil.Server.Lifecycle;
using Vexil.Server.Tests.Commands;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary><c>feature cleanup NAME [--force]</c>: every environment in order, through the write path, with its two refusals.</summary>
public sealed class CleanupCommandTests
{
    private const string Flag = "duo_chat_multi_thread";

    [Fact]
    public async Task Cleanup_deletes_the_state_in_every_environment_in_order_and_lists_where()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", Flag, GateOperation.EnableActor("User:1"));
        await harness.SetUpAsync("dev", Flag, GateOperation.EnableBoolean());
        await harness.SetUpAsync("production", Flag, GateOperation.DisableBoolean());

        var result = await harness.CliAsync($"feature cleanup {Flag}");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal($"Feature flag {Flag} has been cleaned up: its state was deleted from dev, staging, production, in that order. Now remove its definition and the code that reads it.", result.Headline);
        Assert.Contains(result.Notes, note => note.StartsWith("Code references are not known", StringComparison.Ordinal));
        Assert.All(["dev", "pre", "staging", "staging-ref", "ops", "production"], environment => Assert.Null(harness.State(environment, Flag)));
        var deletes = (await harness.AuditAsync()).Where(e => e.Action == "delete").ToArray();
        Assert.Equal(["dev", "staging", "production"], deletes.Select(e => e.Environment));
        Assert.All(deletes, e => Assert.False(e.Details.ContainsKey("overrides")));
    }

    [Fact]
    public async Task Cleanup_refuses_while_code_still_reads_the_flag_and_force_overrides_audited()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", Flag, GateOperation.DisableBoolean());
        harness.Services.GetRequiredService<FlagReferenceCounts>().Record("4f2a9c1", CommandHarness.Start, new Dictionary<string, int> { [Flag] = 3 });

        var refused = await harness.CliAsync($"feature cleanup {Flag}");

        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        Assert.Equal($"Code still reads {Flag} in 3 places (scan of 4f2a9c1 at 2025-02-03 10:00 UTC). Remove that code first (`vexil scan --flag {Flag}` lists it), or use --force.", refused.Headline);
        Assert.NotNull(harness.State("staging", Flag));

        var forced = await harness.CliAsync($"feature cleanup {Flag} --force");

        Assert.True(forced.Ok, forced.ToPlainText());
        Assert.Null(harness.State("staging", Flag));
        Assert.Equal("Clean-up checks ignored (--force)", Assert.Single(await harness.AuditAsync(), e => e.Action == "delete").Details["overrides"]);
    }

    [Fact]
    public async Task Cleanup_refuses_a_flag_on_in_production_whose_definition_is_not_default_enabled()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("production", Flag, GateOperation.SetPercentageOfActors(Core.Gates.Percentage.FromThousandths(50_000)));
        harness.Services.GetRequiredService<FlagReferenceCounts>().Record("4f2a9c1", CommandHarness.Start, new Dictionary<string, int>());

        var refused = await harness.CliAsync($"feature cleanup {Flag}");

        Assert.Equal(
            $"Feature flag {Flag} is on in production but its definition does not say `default_enabled: true`: deleting its state would turn it off for everyone. Ship `default_enabled: true` first, or use --force.",
            refused.Headline);
        Assert.NotNull(harness.State("production", Flag));
    }

    [Fact]
    public async Task Cleanup_takes_no_environment_switch()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.CliAsync($"feature cleanup {Flag} --staging");

        Assert.Equal(CommandOutcome.Usage, result.Outcome);
        Assert.StartsWith("`feature cleanup NAME` deletes the flag's state in every environment", result.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feature_list_stale_shows_only_stale_flags_with_their_evidence()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", "code_suggestions_context", GateOperation.DisableBoolean());
        await harness.SetUpAsync("staging", Flag, GateOperation.EnableBoolean());
        harness.Clock.Advance(TimeSpan.FromDays(31));

        var result = await harness.CliAsync("feature list --stale --staging");

        Assert.True(result.Ok, result.ToPlainText());
        var listing = Assert.Single(result.Environments).Listing!;
        Assert.Empty(listing.Enabled);
        Assert.Equal(["code_suggestions_context"], listing.Disabled.Select(entry => entry.Name));
        Assert.Equal(
            "code_suggestions_context is stale: Off in every environment (dev, pre, staging-canary, staging, staging-ref, ops, production-canary, production), unchanged since 2025-02-03: 31 days, at least 30 needed.",
            Assert.Single(result.Notes));
    }
}
