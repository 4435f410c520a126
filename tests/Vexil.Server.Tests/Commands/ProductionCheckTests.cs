using System.Net;
using System.Text.Json;
using Vexil.Server.Commands;
using Vexil.Server.Changes.HealthSources;
using Vexil.Server.Commands.Results;
using Vexil.Server.Incidents;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>GitLab's set check 7 and its sources: incidents, change locks, and the external check.</summary>
public sealed class ProductionCheckTests
{
    private const string Flag = "code_suggestions_context";
    private const string ExternalUrl = "https://checks.example.test/production";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<CommandHarness> StartAsync(HttpMessageHandler? external = null, string? timeout = null)
    {
        var settings = new Dictionary<string, string?>();
        if (external is not null)
        {
            settings["Vexil:ProductionCheck:Url"] = ExternalUrl;
        }

        if (timeout is not null)
        {
            settings["Vexil:ProductionCheck:Timeout"] = timeout;
        }

        return CommandHarness.StartAsync(settings, external);
    }

    private static async Task<CommandHarness> StartWithStagingOnAsync(HttpMessageHandler? external = null, string? timeout = null)
    {
        var harness = await StartAsync(external, timeout);
        await harness.MustAsync($"feature set {Flag} true --staging");
        return harness;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public async Task Open_incidents_of_severity_1_or_2_block_production_changes(int severity, bool allowed)
    {
        await using var harness = await StartWithStagingOnAsync();
        await harness.Incidents.OpenIncidentAsync("Elevated error rates on the API", severity, "sre", Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal(allowed, result.Ok);
        if (!allowed)
        {
            Assert.Equal(
                $"{CommandMessages.ProductionCheckFailed}\n- Incident #1 (severity {severity}) is open: Elevated error rates on the API",
                result.Headline);
        }
    }

    [Fact]
    public async Task A_closed_incident_no_longer_blocks()
    {
        await using var harness = await StartWithStagingOnAsync();
        var incident = await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);
        Assert.False((await harness.ChatAsync($"feature set {Flag} true")).Ok);

        await harness.Incidents.CloseIncidentAsync(incident.Id, "sre", Cancel);

        Assert.True((await harness.ChatAsync($"feature set {Flag} true")).Ok);
    }

    [Fact]
    public async Task Every_blocking_incident_is_listed_most_severe_first()
    {
        await using var harness = await StartWithStagingOnAsync();
        await harness.Incidents.OpenIncidentAsync("Slow merge requests", 2, "sre", Cancel);
        await harness.Incidents.OpenIncidentAsync("Database primary is down", 1, "sre", Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal(
            $"{CommandMessages.ProductionCheckFailed}\n- Incident #2 (severity 1) is open: Database primary is down\n- Incident #1 (severity 2) is open: Slow merge requests",
            result.Headline);
    }

    [Fact]
    public async Task The_production_check_does_not_run_for_unprotected_environments()
    {
        await using var harness = await StartAsync();
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);

        Assert.True((await harness.ChatAsync($"feature set {Flag} 50 --actors --dev --pre --staging --staging-ref", "g_code_creation")).Ok);
    }

    [Fact]
    public async Task The_override_skips_the_production_check_and_is_recorded()
    {
        await using var harness = await StartWithStagingOnAsync();
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true --ignore-production-check");

        Assert.True(result.Ok);
        var production = (await harness.AuditAsync()).Last();
        Assert.Equal("Production check ignored", production.Details["overrides"]);
    }

    [Fact]
    public async Task A_refused_production_check_leaves_the_other_environments_of_the_command_untouched()
    {
        await using var harness = await StartAsync();
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true --staging --production");

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal([EnvironmentStatus.Skipped, EnvironmentStatus.Refused], result.Environments.Select(e => e.Status));
        Assert.Equal("staging: not changed, because the change was refused on production.", result.Environments[0].Message);
        Assert.Null(harness.State("staging", Flag));
        Assert.Empty(await harness.AuditAsync());
        Assert.EndsWith("\n\nstaging: not changed\nproduction: refused", result.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_from_production_passes_the_production_check_too()
    {
        await using var harness = await StartWithStagingOnAsync();
        await harness.MustAsync($"feature set {Flag} true");
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);

        Assert.StartsWith(CommandMessages.ProductionCheckFailed, (await harness.ChatAsync($"feature delete {Flag}")).Headline, StringComparison.Ordinal);
        Assert.True((await harness.ChatAsync($"feature delete {Flag} --ignore-production-check")).Ok);
        Assert.Null(harness.State("production", Flag));
    }

    // ----- Change locks --------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_active_change_lock_blocks_the_environments_it_holds()
    {
        await using var harness = await StartWithStagingOnAsync();
        var start = CommandHarness.Start;
        await harness.Incidents.AddChangeLockAsync(new NewChangeLock("Release 17.9 freeze", start.AddHours(-1), start.AddHours(2), [], "release-manager"), Cancel);

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal(
            $"{CommandMessages.ProductionCheckFailed}\n- Change lock #1 holds every protected environment until 2025-02-03 12:00 UTC: Release 17.9 freeze",
            result.Headline);
    }

    [Fact]
    public async Task A_change_lock_holds_only_during_its_window()
    {
        await using var harness = await StartWithStagingOnAsync();
        var start = CommandHarness.Start;
        await harness.Incidents.AddChangeLockAsync(new NewChangeLock("Database migration", start.AddHours(1), start.AddHours(2), ["production"], "dba"), Cancel);

        Assert.True((await harness.ChatAsync($"feature set {Flag} true")).Ok);

        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(
            $"{CommandMessages.ProductionCheckFailed}\n- Change lock #1 holds production until 2025-02-03 12:00 UTC: Database migration",
            (await harness.ChatAsync($"feature set {Flag} false")).Headline);

        harness.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await harness.ChatAsync($"feature set {Flag} false")).Ok);
    }

    [Fact]
    public async Task A_change_lock_on_other_protected_environments_does_not_hold_production()
    {
        await using var harness = await CommandHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Vexil:Environments:0:Name"] = "staging",
            ["Vexil:Environments:1:Name"] = "production",
            ["Vexil:Environments:1:Protected"] = "true",
            ["Vexil:Environments:2:Name"] = "production-eu",
            ["Vexil:Environments:2:Protected"] = "true",
        });
        await harness.MustAsync($"feature set {Flag} true --staging");
        var start = CommandHarness.Start;
        await harness.Incidents.AddChangeLockAsync(new NewChangeLock("EU maintenance", start, start.AddHours(1), ["production-eu"], "sre"), Cancel);

        Assert.True((await harness.ChatAsync($"feature set {Flag} true")).Ok);
        Assert.False((await harness.ChatAsync($"feature set {Flag} true --production-eu")).Ok);
    }

    // ----- External check ------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_external_check_is_announced_then_asked_with_the_change_and_its_yes_lets_the_change_through()
    {
        var external = StubCheckHandler.Answering("""{"safe": true, "reasons": []}""");
        await using var harness = await StartWithStagingOnAsync(external);
        var progress = new List<string>();

        var result = await harness.ChatAsync(
            $"feature set {Flag} true",
            progress: (message, _) =>
            {
                progress.Add(message + $" (requests so far: {external.Requests.Count})");
                return ValueTask.CompletedTask;
            });

        Assert.True(result.Ok, result.ToPlainText());
        Assert.Equal(["Production check initiated, this may take up to 300 seconds ... (requests so far: 0)"], progress);
        var request = Assert.Single(external.Requests);
        Assert.StartsWith($"POST {ExternalUrl} ", request, StringComparison.Ordinal);
        var body = JsonDocument.Parse(request[(request.IndexOf('{', StringComparison.Ordinal))..]).RootElement;
        Assert.Equal(Flag, body.GetProperty("flag").GetString());
        Assert.Equal("true", body.GetProperty("value").GetString());
        Assert.Equal("production", body.GetProperty("environments")[0].GetString());
        Assert.Equal("lulalala", body.GetProperty("user").GetString());
        Assert.Equal("chat", body.GetProperty("source").GetString());
    }

    [Fact]
    public async Task The_external_checks_reasons_are_listed_when_it_says_no()
    {
        var external = StubCheckHandler.Answering("""{"safe": false, "reasons": ["Deployment of 17.9.202502031000 is in progress", "Canary error rate is 4%"]}""");
        await using var harness = await StartWithStagingOnAsync(external);

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal(
            $"{CommandMessages.ProductionCheckFailed}\n- Deployment of 17.9.202502031000 is in progress\n- Canary error rate is 4%",
            result.Headline);
    }

    [Theory]
    [InlineData("""{"safe": false}""", HttpStatusCode.OK, "- The production check at https://checks.example.test/production says production must not change now.")]
    [InlineData("""{"ok": true}""", HttpStatusCode.OK, "- The production check at https://checks.example.test/production answered without a \"safe\" field; it must answer {\"safe\": true|false, \"reasons\": [...]}.")]
    [InlineData("<html>busy</html>", HttpStatusCode.OK, "- The production check at https://checks.example.test/production did not answer JSON of the form {\"safe\": true|false, \"reasons\": [...]}.")]
    [InlineData("""{"safe": true}""", HttpStatusCode.InternalServerError, "- The production check at https://checks.example.test/production answered HTTP 500 Internal Server Error.")]
    public async Task An_external_check_that_does_not_say_yes_properly_fails_closed(string body, HttpStatusCode status, string reason)
    {
        await using var harness = await StartWithStagingOnAsync(StubCheckHandler.Answering(body, status));

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal($"{CommandMessages.ProductionCheckFailed}\n{reason}", result.Headline);
    }

    [Fact]
    public async Task An_unreachable_external_check_fails_closed()
    {
        await using var harness = await StartWithStagingOnAsync(StubCheckHandler.Unreachable());

        var result = await harness.ChatAsync($"feature set {Flag} true");

        Assert.Equal(
            $"{CommandMessages.ProductionCheckFailed}\n- The production check at {ExternalUrl} could not be reached: Connection refused (checks.example.test:443)",
            result.Headline);
    }

    [Fact]
    public async Task An_external_check_that_never_answers_times_out_with_gitlabs_message()
    {
        // The stub never answers; the configured timeout (a fraction of a second here) ends the wait.
        await using var harness = await StartWithStagingOnAsync(StubCheckHandler.Silent(), timeout: "0.2");
        var progress = new List<string>();

        var result = await harness.ChatAsync($"feature set {Flag} true", progress: (message, _) => { progress.Add(message); return ValueTask.CompletedTask; });

        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(
            "Timed out waiting for a response for production check. If the check passes past the timeout, you can retry and use the override option.",
            result.ToPlainText());
        Assert.Equal(["Production check initiated, this may take up to 1 seconds ..."], progress);
        Assert.Null(harness.State("production", Flag));
    }

    [Fact]
    public async Task The_slow_external_check_is_not_asked_when_a_local_source_already_failed()
    {
        var external = StubCheckHandler.Answering("""{"safe": true}""");
        await using var harness = await StartWithStagingOnAsync(external);
        await harness.Incidents.OpenIncidentAsync("outage", 1, "sre", Cancel);
        var progress = new List<string>();

        var result = await harness.ChatAsync($"feature set {Flag} true", progress: (message, _) => { progress.Add(message); return ValueTask.CompletedTask; });

        Assert.False(result.Ok);
        Assert.Empty(external.Requests);
        Assert.Empty(progress);
    }

    [Fact]
    public async Task Without_an_external_url_the_check_is_local_and_says_it_is_quick()
    {
        await using var harness = await StartAsync();
        Assert.Equal(TimeSpan.Zero, ((IProductionCheck)harness.Services.GetService(typeof(IProductionCheck))!).MaximumDuration);
    }

    [Fact]
    public async Task With_an_external_url_callers_can_see_how_long_the_check_may_take()
    {
        await using var harness = await StartAsync(StubCheckHandler.Answering("""{"safe": true}"""), timeout: "00:02:00");
        Assert.Equal(TimeSpan.FromMinutes(2), ((IProductionCheck)harness.Services.GetService(typeof(IProductionCheck))!).MaximumDuration);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("300", 300)]
    [InlineData("45", 45)]
    [InlineData("0.5", 0.5)]
    [InlineData("00:05:00", 300)]
    public void The_timeout_is_seconds_or_a_time_span(string? configured, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), new ProductionCheckOptions { Timeout = configured }.ParseTimeout());
    }

    [Theory]
    [InlineData("ftp://checks.example.test", null, "Vexil:ProductionCheck:Url is 'ftp://checks.example.test', which is not an absolute http or https URL; set it to the check's address, e.g. https://checks.example.com/production.")]
    [InlineData("/relative", null, "Vexil:ProductionCheck:Url is '/relative', which is not an absolute http or https URL; set it to the check's address, e.g. https://checks.example.com/production.")]
    [InlineData(null, "-5", "Vexil:ProductionCheck:Timeout is '-5'; set it to a number of seconds, e.g. 300, or a time span such as 00:05:00.")]
    [InlineData(null, "soon", "Vexil:ProductionCheck:Timeout is 'soon'; set it to a number of seconds, e.g. 300, or a time span such as 00:05:00.")]
    public void Bad_options_say_what_to_fix(string? url, string? timeout, string message)
    {
        Assert.Equal(message, new ProductionCheckOptions { Url = url, Timeout = timeout }.Validate());
    }

    [Fact]
    public async Task A_health_source_that_throws_fails_the_check_instead_of_passing_it()
    {
        var check = new ProductionCheck([new ThrowingSource()], Microsoft.Extensions.Logging.Abstractions.NullLogger<ProductionCheck>.Instance);

        var result = await check.CheckAsync(new ProductionCheckRequest(Flag, "true", ["production"], "alice", "cli"), null, Cancel);

        Assert.False(result.Safe);
        Assert.Equal(
            "The flaky check could not run (InvalidOperationException: the disk is full); fix it, or use the override if production is known to be healthy.",
            Assert.Single(result.Problems));
    }

    private sealed class ThrowingSource : IHealthSource
    {
        public string Name => "flaky";

        public TimeSpan MaximumDuration => TimeSpan.Zero;

        public Task<HealthReport> CheckAsync(ProductionCheckRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the disk is full");
    }
}
