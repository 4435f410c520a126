using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Server.Commands;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// The GitLab API passes the same guard rails as chat (a deliberate difference from GitLab): a refusal is 409 with
/// chat's sentence and nothing written, the overrides are parameters and audited, and refusals are attempts in the
/// audit trail. Each test has a server of its own, since incidents and locks hold the whole server.
/// </summary>
public sealed class GitLabGuardRailTests
{
    private const string Flag = "duo_chat_multi_thread";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Production_is_not_turned_on_while_a_severity_1_incident_is_open()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();
        await api.SetAsync(Flag, ("value", "true"), ("environment", "staging"));
        using (var opened = await api.Http.PostAsJsonAsync("/api/v1/incidents", new { title = "Elevated error rates on the API", severity = 1 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }

        var message = await ConflictAsync(api, ("value", "true"), ("environment", "production"));

        Assert.StartsWith(CommandMessages.ProductionCheckFailed + "\n- ", message, StringComparison.Ordinal);
        Assert.Contains("Elevated error rates on the API", message, StringComparison.Ordinal);
        Assert.Null(await api.FeatureAsync(Flag, "production"));
        Assert.Equal(1, await factory.AuditCountAsync(Flag));

        await api.SetAsync(Flag, ("value", "true"), ("environment", "production"), ("ignore_production_check", "true"));
        var change = await factory.LastAuditEventAsync(Flag);
        Assert.Equal("production", change.Environment);
        Assert.Equal("true", change.Details["ignore_production_check"]);
        Assert.Equal(("test-admin", "1"), (change.Details["token"], change.Details["token_id"]));
    }

    [Fact]
    public async Task Production_is_not_turned_on_during_a_change_lock_nor_deleted()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();
        await api.SetAsync(Flag, ("value", "true"), ("environment", "staging"));
        await api.SetAsync(Flag, ("value", "true"), ("environment", "production"));
        var now = DateTimeOffset.UtcNow;
        using (var locked = await api.Http.PostAsJsonAsync(
            "/api/v1/change-locks",
            new { reason = "Release freeze", startsAt = now.AddHours(-1).ToString("O"), endsAt = now.AddHours(1).ToString("O") },
            Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, locked.StatusCode);
        }

        var message = await ConflictAsync(api, ("value", "false"), ("environment", "production"));
        Assert.StartsWith(CommandMessages.ProductionCheckFailed, message, StringComparison.Ordinal);
        Assert.Contains("Release freeze", message, StringComparison.Ordinal);

        using var delete = await api.DeleteAsync(Flag, "environment=production");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("application/json", delete.Content.Headers.ContentType?.ToString());
        Assert.Equal(message, JsonDocument.Parse(await delete.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("message").GetString());
        Assert.Equal("on", (await api.FeatureAsync(Flag, "production"))?.GetProperty("state").GetString());

        using var overridden = await api.DeleteAsync(Flag, "environment=production&ignore_production_check=true");
        Assert.Equal(HttpStatusCode.NoContent, overridden.StatusCode);
        Assert.Equal("delete", (await factory.LastAuditEventAsync(Flag)).Action);
    }

    [Fact]
    public async Task Production_is_not_turned_on_while_staging_is_off()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();

        Assert.Equal(CommandMessages.InconsistentStatus, await ConflictAsync(api, ("value", "50"), ("key", "percentage_of_actors"), ("environment", "production")));
        Assert.Equal(0, await factory.AuditCountAsync(Flag));

        await api.SetAsync(Flag, ("value", "50"), ("key", "percentage_of_actors"), ("environment", "production"), ("ignore_feature_flag_consistency_check", "yes"));
        var change = await factory.LastAuditEventAsync(Flag);
        Assert.Equal("true", change.Details["ignore_feature_flag_consistency_check"]);
        Assert.Equal($"Feature flag '{Flag}' has been set to '50%' of actors on production", change.Title);

        // And staging is not turned off under an enabled production.
        Assert.Equal(CommandMessages.InconsistentStatus, await ConflictAsync(api, ("value", "false"), ("environment", "staging")));
    }

    [Fact]
    public async Task Refusals_are_attempts_in_the_audit_trail_only_when_asked_for()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();
        var message = await ConflictAsync(api, ("value", "true"), ("environment", "production"));

        var trail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?flag={Flag}", Cancel);
        Assert.Equal(0, trail.GetProperty("total").GetInt64());

        var withAttempts = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?flag={Flag}&include=attempts", Cancel);
        var attempt = Assert.Single(withAttempts.GetProperty("events").EnumerateArray());
        Assert.Equal("attempt", attempt.GetProperty("kind").GetString());
        Assert.Equal(message, attempt.GetProperty("refusal").GetString());
        Assert.Equal(("production", "test-admin", "api"), (attempt.GetProperty("environment").GetString(), attempt.GetProperty("user").GetString(), attempt.GetProperty("via").GetString()));
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("sequence").ValueKind);
        Assert.Equal("consistency_check", attempt.GetProperty("details").GetProperty("guard").GetString());
        Assert.Equal("1", attempt.GetProperty("details").GetProperty("token_id").GetString());

        using var unknown = await api.Http.GetAsync("/api/v1/audit?include=atempts", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Malformed_requests_are_refused_with_400_and_not_recorded()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();

        Assert.Equal(
            $"400 Bad request - Cannot set '{Flag}' (\"percentage_of_actors\") to \"true\": key=percentage_of_actors takes a percentage from 0 to 100; leave key out to turn the flag on or off for everyone.",
            await api.RefusedAsync(Flag, ("value", "true"), ("key", "percentage_of_actors"), ("environment", "production")));
        Assert.Equal(
            "ignore_production_check is invalid",
            await api.RefusedAsync(Flag, ("value", "true"), ("ignore_production_check", "maybe"), ("environment", "production")));

        var trail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/audit?include=attempts", Cancel);
        Assert.Equal(0, trail.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Tokens_incidents_and_change_locks_are_in_the_audit_trail()
    {
        using var factory = new GuardRailFactory();
        using var api = factory.Client();
        using var token = await api.Http.PostAsJsonAsync("/api/v1/tokens", new { name = "deploy-bot", kind = "write" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        var tokenId = JsonDocument.Parse(await token.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetInt64();
        (await api.Http.DeleteAsync($"/api/v1/tokens/{tokenId}", Cancel)).Dispose();
        using var incident = await api.Http.PostAsJsonAsync("/api/v1/incidents", new { title = "Database failover", severity = 2 }, Cancel);
        var incidentId = JsonDocument.Parse(await incident.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetInt64();
        (await api.Http.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/close", new { }, Cancel)).Dispose();
        var now = DateTimeOffset.UtcNow;
        using var changeLock = await api.Http.PostAsJsonAsync(
            "/api/v1/change-locks",
            new { reason = "Migration", startsAt = now.ToString("O"), endsAt = now.AddHours(1).ToString("O") },
            Cancel);
        var lockId = JsonDocument.Parse(await changeLock.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetInt64();
        (await api.Http.DeleteAsync($"/api/v1/change-locks/{lockId}", Cancel)).Dispose();

        var trail = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/audit", Cancel);

        var entries = trail.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(
            ["change_lock_removed", "change_lock_added", "incident_closed", "incident_opened", "token_revoked", "token_created"],
            entries.Select(entry => entry.GetProperty("kind").GetString()));
        Assert.All(entries, entry => Assert.Equal("test-admin", entry.GetProperty("user").GetString()));
        Assert.Equal("deploy-bot", entries[5].GetProperty("details").GetProperty("created_token").GetString());
        Assert.Equal(tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture), entries[4].GetProperty("details").GetProperty("revoked_token_id").GetString());
        Assert.Equal("Database failover", entries[3].GetProperty("details").GetProperty("incident_title").GetString());
    }

    private static async Task<string> ConflictAsync(GitLabTestClient api, params (string Key, string Value)[] fields)
    {
        using var response = await api.PostFormAsync(Flag, fields);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"Expected 409, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
    }

    // The example definitions, every guard rail on, and a server of its own.
    private sealed class GuardRailFactory() : GitLabApiFactory(new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions });
}
