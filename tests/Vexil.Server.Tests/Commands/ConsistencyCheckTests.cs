using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Commands;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>GitLab's set check 8, both directions, and how one command that changes both environments is judged.</summary>
public sealed class ConsistencyCheckTests
{
    private const string Flag = "duo_chat_multi_thread";

    [Theory]
    [InlineData("true")]
    [InlineData("100")]
    [InlineData("50 --actors")]
    [InlineData("0.5 --actors")]
    [InlineData("--user=lulalala true")]
    [InlineData("--feature-group=gitlab_team_members true")]
    public async Task Enabling_on_production_needs_staging_enabled(string valueAndOptions)
    {
        await using var harness = await CommandHarness.StartAsync();
        Assert.Equal(CommandMessages.InconsistentStatus, (await harness.ChatAsync($"feature set {Flag} {valueAndOptions}")).Headline);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Staging_on_or_conditional_counts_as_enabled(bool fully)
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", Flag, fully ? GateOperation.EnableBoolean() : GateOperation.EnableActor("User:lulalala"));

        Assert.True((await harness.ChatAsync($"feature set {Flag} true")).Ok);
    }

    [Fact]
    public async Task Staging_with_every_gate_off_counts_as_disabled()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", Flag, GateOperation.SetPercentageOfActors(Percentage.Parse("10")), GateOperation.SetPercentageOfActors(Percentage.Zero));

        Assert.Equal(CommandMessages.InconsistentStatus, (await harness.ChatAsync($"feature set {Flag} 10 --actors")).Headline);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    public async Task Disabling_on_production_is_always_consistent(string value)
    {
        await using var harness = await CommandHarness.StartAsync();
        Assert.True((await harness.ChatAsync($"feature set {Flag} {value}")).Ok);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("--user=lulalala false")]
    public async Task Disabling_on_staging_is_refused_while_production_has_it_enabled(string valueAndOptions)
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("production", Flag, GateOperation.EnableActor("User:lulalala"));

        Assert.Equal(CommandMessages.InconsistentStatus, (await harness.ChatAsync($"feature set {Flag} {valueAndOptions} --staging", "g_duo_chat")).Headline);
        Assert.True((await harness.ChatAsync($"feature set {Flag} 50 --actors --staging", "g_duo_chat")).Ok);
    }

    [Fact]
    public async Task Disabling_on_staging_is_fine_when_production_is_off()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("production", Flag, GateOperation.DisableBoolean());
        Assert.True((await harness.ChatAsync($"feature set {Flag} false --staging", "g_duo_chat")).Ok);
    }

    [Fact]
    public async Task Other_environments_are_not_compared()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("production", Flag, GateOperation.EnableBoolean());
        Assert.True((await harness.ChatAsync($"feature set {Flag} false --dev --pre --staging-ref --ops", "g_duo_chat")).Ok);
    }

    [Fact]
    public async Task One_command_enabling_staging_and_production_passes_because_staging_comes_along()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.ChatAsync($"feature set {Flag} true --staging --production");
        Assert.True(result.Ok, result.ToPlainText());
        Assert.True(harness.State("production", Flag)!.Boolean);
    }

    [Fact]
    public async Task One_command_disabling_staging_and_production_passes_because_production_goes_along()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.SetUpAsync("staging", Flag, GateOperation.EnableBoolean());
        await harness.SetUpAsync("production", Flag, GateOperation.EnableBoolean());

        var result = await harness.ChatAsync($"feature set {Flag} false --staging --production");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal(FlagStatus.Off, harness.State("staging", Flag)!.Status);
    }

    [Fact]
    public async Task The_override_skips_the_check_and_is_recorded_on_the_environments_it_concerns()
    {
        await using var harness = await CommandHarness.StartAsync();
        var result = await harness.ChatAsync($"feature set {Flag} true --production --dev --ignore-feature-flag-consistency-check");

        Assert.True(result.Ok);
        var audit = await harness.AuditAsync();
        Assert.False(audit.Single(e => e.Environment == "dev").Details.ContainsKey("overrides"));
        Assert.Equal("Feature flag consistency check ignored", audit.Single(e => e.Environment == "production").Details["overrides"]);
    }

    [Fact]
    public async Task The_compared_environments_come_from_configuration()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Commands:StagingEnvironment"] = "pre",
            ["Vexil:Commands:ProductionEnvironment"] = "gprd",
        });
        await harness.SetUpAsync("staging", Flag, GateOperation.EnableBoolean());

        Assert.Equal(CommandMessages.InconsistentStatus, (await harness.ChatAsync($"feature set {Flag} true")).Headline);
        Assert.True((await harness.ChatAsync($"feature set {Flag} true --pre --production")).Ok);
    }
}
