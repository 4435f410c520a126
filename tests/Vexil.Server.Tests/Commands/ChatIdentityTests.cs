using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vexil.Server.Commands;
using Vexil.Server.Commands.DoorPolicies;
using Vexil.Server.Commands.Results;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// The production channel and production users are matched by the ids chat platforms send (<c>channel_id</c>,
/// <c>user_id</c>), never by names, which anyone can change; without a configured channel id chat changes no
/// protected environment.
/// </summary>
public sealed class ChatIdentityTests
{
    private const string Flag = "duo_chat_multi_thread";
    private const string ProductionRefusal = "Unable to proceed because a production feature flag change may only be invoked in the #production Slack channel.";

    [Fact]
    public async Task A_channel_renamed_to_production_is_still_not_the_production_channel()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.ChatAsync($"feature set {Flag} true --ignore-production-check --ignore-feature-flag-consistency-check", "production", channelId: SlackRequests.ChannelId("general"));

        AssertRefused(ProductionRefusal, result);
        Assert.Null(harness.State("production", Flag));
    }

    [Fact]
    public async Task The_production_channel_keeps_its_rights_after_a_rename_and_the_audit_shows_the_new_name()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.ChatAsync(
            $"feature set {Flag} true --ignore-production-check --ignore-feature-flag-consistency-check",
            "prod-announcements",
            channelId: SlackRequests.ProductionChannelId);

        Assert.True(result.Ok, result.ToPlainText());
        var change = (await harness.AuditAsync()).Single();
        Assert.Equal("#prod-announcements", change.Details["chat_channel"]);
    }

    [Fact]
    public async Task Without_a_production_channel_id_chat_changes_no_protected_environment_and_says_which_key_to_set()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:ChatOps:ProductionChannel"] = null });

        AssertRefused(
            "Unable to proceed because no production channel is configured: an admin must set Vexil:ChatOps:ProductionChannel to the id of the channel where production changes are made (e.g. C0123456789).",
            await harness.ChatAsync($"feature set {Flag} true --ignore-production-check --ignore-feature-flag-consistency-check", "production"));
        Assert.Equal(ProductionChannelPolicy.NotConfigured, (await harness.ChatAsync($"feature delete {Flag}", "production")).Headline);
        Assert.True((await harness.ChatAsync($"feature set {Flag} true --staging", "production")).Ok);
        Assert.True((await harness.CliAsync($"feature set {Flag} true --ignore-production-check")).Ok);
    }

    [Fact]
    public async Task A_chat_request_without_a_channel_id_is_not_in_the_production_channel()
    {
        await using var harness = await CommandHarness.StartAsync();

        AssertRefused(ProductionRefusal, await harness.ChatAsync($"feature set {Flag} true --ignore-production-check", "production", channelId: string.Empty));
    }

    [Fact]
    public async Task Production_users_are_matched_by_id_so_a_rename_neither_gives_nor_takes_the_right()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:ChatOps:ProductionUsers:0"] = SlackRequests.UserId("lulalala"),
        });
        await harness.MustAsync($"feature set {Flag} true --staging");

        // Someone else renames themselves "lulalala": the refusal names them as they appear, and nothing changes.
        AssertRefused(
            "Unable to proceed because lulalala may not change feature flags on production from chat; ask someone listed in Vexil:ChatOps:ProductionUsers.",
            await harness.ChatAsync($"feature set {Flag} true --ignore-production-check", user: "lulalala", userId: "UIMPOSTOR1"));
        Assert.Null(harness.State("production", Flag));

        // The listed person under a new name keeps the right.
        Assert.True((await harness.ChatAsync($"feature set {Flag} true --ignore-production-check", user: "lula", userId: SlackRequests.UserId("lulalala"))).Ok);
    }

    [Theory]
    [InlineData("Vexil:ChatOps:ProductionChannel", "#production", "Vexil:ChatOps:ProductionChannel is '#production', which is not a channel id")]
    [InlineData("Vexil:ChatOps:ProductionChannel", "production", "Vexil:ChatOps:ProductionChannel is 'production', which is not a channel id")]
    [InlineData("Vexil:ChatOps:ProductionUsers:0", "@lulalala", "Vexil:ChatOps:ProductionUsers:0 is '@lulalala', which is not a user id")]
    [InlineData("Vexil:ChatOps:ProductionUsers:0", "shinya.maeda", "Vexil:ChatOps:ProductionUsers:0 is 'shinya.maeda', which is not a user id")]
    public async Task A_name_where_an_id_belongs_stops_the_server_with_the_key_named(string key, string value, string message)
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<ChatOpsPolicyOptions>>().Value);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C024BE7LR")]
    [InlineData("G0123456789")]
    [InlineData("fukpskqc3pd4fq6c7r8z8nkyqe")]
    public async Task Slack_and_Mattermost_channel_ids_are_accepted(string id)
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?> { ["Vexil:ChatOps:ProductionChannel"] = id });

        Assert.Equal(id, harness.Services.GetRequiredService<IOptions<ChatOpsPolicyOptions>>().Value.ProductionChannel);
        Assert.True((await harness.ChatAsync($"feature set {Flag} true --ignore-production-check --ignore-feature-flag-consistency-check", "production", channelId: id)).Ok);
    }

    private static void AssertRefused(string message, CommandResult result)
    {
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(message, result.Headline);
    }
}
