using Vexil.Server.Changes;
using Vexil.Server.Changes.GuardRails;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Results;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// The guard rails every door shares (in <see cref="FlagChangeService"/>), seen from the commands: the definition
/// check with its suggestion and <c>--force</c>, and attempts recorded for every guard-rail refusal, never as changes.
/// </summary>
public sealed class GuardRailTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_set_of_an_undefined_flag_is_refused_naming_the_nearest_defined_flag()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.CliAsync("feature set duo_chat_multi_thred true --staging");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(
            "Feature flag 'duo_chat_multi_thred' has no definition (did you mean `duo_chat_multi_thread`?): add <type>/duo_chat_multi_thred.yml to a definitions folder (Vexil:Definitions:Paths), or use --force to set it anyway.",
            result.Headline);
        Assert.Empty(await harness.AuditAsync());
        Assert.Null(harness.Snapshots.Get("staging").GetState("duo_chat_multi_thred"));
    }

    [Fact]
    public async Task A_name_far_from_every_definition_gets_no_suggestion()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.CliAsync("feature set completely_unrelated_switch true --staging");

        Assert.StartsWith("Feature flag 'completely_unrelated_switch' has no definition: add <type>/", result.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Suggestions_are_the_nearest_names_closest_first()
    {
        Assert.Equal(
            ["duo_chat_multi_thread", "duo_chat_multi_threads"],
            DefinitionGuard.Nearest("duo_chat_multi_threa", ["code_suggestions_context", "duo_chat_multi_threads", "duo_chat_multi_thread"]));
        Assert.Empty(DefinitionGuard.Nearest("x", ["duo_chat_multi_thread"]));
    }

    [Fact]
    public async Task Force_sets_an_undefined_flag_and_deleting_one_needs_no_force()
    {
        await using var harness = await CommandHarness.StartAsync();

        Assert.True((await harness.CliAsync("feature set duo_chat_multi_thred true --staging --force")).Ok);
        Assert.True((await harness.CliAsync("feature delete duo_chat_multi_thred --staging")).Ok);

        var events = await harness.AuditAsync();
        Assert.Equal(["enable", "delete"], events.Select(e => e.Action));
        Assert.Equal("Definition check ignored", events[0].Details["overrides"]);
        Assert.False(events[1].Details.ContainsKey("overrides"));
    }

    [Fact]
    public async Task A_refusal_by_a_guard_rail_is_recorded_as_an_attempt_and_never_as_a_change()
    {
        await using var harness = await CommandHarness.StartAsync();
        await harness.Incidents.OpenIncidentAsync("Elevated error rates on the API", 1, "sre", Cancel);

        var result = await harness.CliAsync("feature set duo_chat_multi_thread true --staging --production --ignore-feature-flag-consistency-check");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Empty(await harness.AuditAsync());
        var page = await harness.Store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true), Cancel);
        var attempt = Assert.Single(page.Entries).Record!;
        Assert.Equal(AuditKinds.Attempt, attempt.Kind);
        Assert.Equal(("production", "duo_chat_multi_thread", "enable"), (attempt.Environment, attempt.Flag, attempt.Action));
        Assert.Equal(("bootstrap-admin", ChangeChannels.Cli, "10.0.0.7", "req-cli"), (attempt.User, attempt.Via, attempt.From, attempt.RequestId));
        Assert.Equal(result.Headline, attempt.Refusal);
        Assert.StartsWith(CommandMessages.ProductionCheckFailed, attempt.Refusal, StringComparison.Ordinal);
        Assert.Equal(GuardNames.Production, attempt.Details["guard"]);
        Assert.Equal("staging,production", attempt.Details["environments"]);
        Assert.Equal("true", attempt.Details["value"]);
        Assert.Equal(("bootstrap-admin", "0"), (attempt.Details["token"], attempt.Details["token_id"]));
        Assert.Equal(0, (await harness.Store.QueryAuditAsync(new AuditQuery(IncludeRecords: true), Cancel)).Total);
    }

    [Fact]
    public async Task Door_refusals_from_chat_are_attempts_too()
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.ChatAsync("feature set duo_chat_multi_thread true --production", channel: "general");

        Assert.Equal(CommandMessages.ProductionChannelOnly("production"), result.Headline);
        var attempt = Assert.Single((await harness.Store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true), Cancel)).Entries).Record!;
        Assert.Equal((GuardNames.ProductionChannel, "#general"), (attempt.Details["guard"], attempt.From));
        Assert.Equal(("lulalala", ChangeChannels.Chat), (attempt.User, attempt.Via));
    }

    [Fact]
    public async Task Malformed_commands_are_not_attempts()
    {
        await using var harness = await CommandHarness.StartAsync();

        Assert.Equal(CommandOutcome.Usage, (await harness.CliAsync("feature set duo_chat_multi_thread 150 --production")).Outcome);
        Assert.Equal(CommandOutcome.Usage, (await harness.CliAsync("feature set duo_chat_multi_thread true --user=User:1,,bad\u0007 --production")).Outcome);

        Assert.Equal(0, (await harness.Store.QueryAuditAsync(new AuditQuery(IncludeAttempts: true, IncludeRecords: true), Cancel)).Total);
    }

    [Fact]
    public async Task Cli_changes_record_the_token_id_beside_its_name()
    {
        await using var harness = await CommandHarness.StartAsync();

        await harness.MustAsync("feature set duo_chat_multi_thread true --staging");

        var change = Assert.Single(await harness.AuditAsync());
        Assert.Equal(("bootstrap-admin", "0"), (change.Details["token"], change.Details["token_id"]));
    }

    [Theory]
    [InlineData("50", "'50%' of actors")]
    [InlineData("050", "'50%' of actors")]
    [InlineData("50.0", "'50%' of actors")]
    [InlineData("12.500", "'12.5%' of actors")]
    public async Task Percentages_are_normalised_in_titles(string value, string shown)
    {
        await using var harness = await CommandHarness.StartAsync();

        var result = await harness.CliAsync($"feature set duo_chat_multi_thread {value} --actors --staging");

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal($"Feature flag 'duo_chat_multi_thread' has been set to {shown} on staging", Assert.Single(await harness.AuditAsync()).Title);
    }

    [Theory]
    [InlineData("true", false, "'true'")]
    [InlineData("050", false, "'50'")]
    [InlineData("100.0", true, "'100%' of actors")]
    public void One_title_builder_for_every_door(string value, bool ofActors, string shown) =>
        Assert.Equal($"Feature flag 'x' has been set to {shown} on dev", ChangeTitles.Set("x", value, ofActors, "dev"));
}
