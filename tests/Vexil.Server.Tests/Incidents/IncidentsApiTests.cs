using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Server.Tests.Commands;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Incidents;

/// <summary><c>/api/v1/incidents</c> and <c>/api/v1/change-locks</c>: access, validation, and the round trip.</summary>
public sealed class IncidentsApiTests(TokenTestServer server) : IClassFixture<TokenTestServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Admin => server.Client(VexilServerFactory.AdminToken);

    private HttpClient Writer => server.Client(TokenTestServer.WriterToken);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/v1/incidents")]
    [InlineData("POST", "/api/v1/incidents")]
    [InlineData("POST", "/api/v1/incidents/1/close")]
    [InlineData("GET", "/api/v1/change-locks")]
    [InlineData("POST", "/api/v1/change-locks")]
    [InlineData("DELETE", "/api/v1/change-locks/1")]
    public async Task Every_endpoint_needs_a_token_and_refuses_read_tokens(string method, string path)
    {
        using var anonymous = await server.Client(null).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) }, Cancel);
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");

        using var reader = await server.Client(TokenTestServer.ReaderToken).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) }, Cancel);
        await AssertProblemAsync(reader, HttpStatusCode.Forbidden, "Incidents and change locks need an admin or write token; this one can only read.");
    }

    [Fact]
    public async Task A_write_token_opens_an_incident_and_only_a_token_that_can_change_production_closes_it()
    {
        using var opened = await Writer.PostAsJsonAsync("/api/v1/incidents", new { title = "Sidekiq queues backing up", severity = 2 }, Cancel);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var incident = await JsonAsync(opened);
        var id = incident.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/incidents/{id}", opened.Headers.Location?.ToString());
        Assert.Equal("ci-writer", incident.GetProperty("openedBy").GetString());
        Assert.True(incident.GetProperty("isOpen").GetBoolean());
        Assert.True(incident.GetProperty("blocksProductionChanges").GetBoolean());

        using var refused = await Writer.PostAsync($"/api/v1/incidents/{id}/close", null, Cancel);
        await AssertProblemAsync(
            refused,
            HttpStatusCode.Forbidden,
            "Closing an incident or removing a change lock lets production change again: use an admin token or a write token scoped to a protected environment.");

        using var closed = await server.Client(TokenTestServer.ProductionWriterToken).PostAsJsonAsync($"/api/v1/incidents/{id}/close", new { by = "alice" }, Cancel);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var after = await JsonAsync(closed);
        Assert.Equal("alice", after.GetProperty("closedBy").GetString());
        Assert.False(after.GetProperty("isOpen").GetBoolean());
    }

    [Fact]
    public async Task Open_incidents_are_listed_by_default_and_all_with_status_all()
    {
        using var opened = await Admin.PostAsJsonAsync("/api/v1/incidents", new { title = "to close", severity = 3, by = "bob" }, Cancel);
        var id = (await JsonAsync(opened)).GetProperty("id").GetInt64();
        Assert.Equal("bob", (await JsonAsync(await Admin.GetAsync($"/api/v1/incidents/{id}", Cancel))).GetProperty("openedBy").GetString());
        await Admin.PostAsync($"/api/v1/incidents/{id}/close", null, Cancel);

        var open = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/incidents", Cancel);
        var all = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/incidents?status=all", Cancel);

        Assert.DoesNotContain(open.EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Contains(all.EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        await AssertProblemAsync(await Admin.GetAsync("/api/v1/incidents?status=closed", Cancel), HttpStatusCode.BadRequest, "status is 'closed'; use 'open' (the default) or 'all'.");
    }

    [Fact]
    public async Task Unknown_incidents_are_404()
    {
        await AssertProblemAsync(await Admin.PostAsync("/api/v1/incidents/987654/close", null, Cancel), HttpStatusCode.NotFound, "There is no incident #987654; GET /api/v1/incidents?status=all lists them.");
        await AssertProblemAsync(await Admin.GetAsync("/api/v1/incidents/987654", Cancel), HttpStatusCode.NotFound, "There is no incident #987654; GET /api/v1/incidents?status=all lists them.");
    }

    [Theory]
    [InlineData("""{"severity": 1}""", "title is required: say what is wrong in a few words.")]
    [InlineData("""{"title": "  ", "severity": 1}""", "title is required: say what is wrong in a few words.")]
    [InlineData("""{"title": "two\nlines", "severity": 1}""", "title contains a control character (a line break or tab, say); send one line of text.")]
    [InlineData("""{"title": "outage"}""", "severity is required: 1 (critical) to 4 (low); 1 and 2 block production changes.")]
    [InlineData("""{"title": "outage", "severity": 7}""", "severity is 7; use 1 (critical) to 4 (low).")]
    [InlineData("""{"title": "outage", "severity": 0}""", "severity is 0; use 1 (critical) to 4 (low).")]
    public async Task An_invalid_incident_is_400_saying_what_is_wrong(string json, string detail)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await Admin.PostAsync("/api/v1/incidents", content, Cancel), HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task A_change_lock_is_added_listed_and_removed()
    {
        var now = DateTimeOffset.UtcNow;
        using var added = await Writer.PostAsJsonAsync(
            "/api/v1/change-locks",
            new { reason = "PCL: end of quarter", startsAt = now.AddMinutes(-5).ToString("O"), endsAt = now.AddHours(2).ToString("O"), environments = new[] { "gprd" } },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var changeLock = await JsonAsync(added);
        var id = changeLock.GetProperty("id").GetInt64();
        Assert.Equal("production", changeLock.GetProperty("environments")[0].GetString());
        Assert.True(changeLock.GetProperty("active").GetBoolean());
        Assert.Equal("ci-writer", changeLock.GetProperty("createdBy").GetString());

        var listed = await Writer.GetFromJsonAsync<JsonElement>("/api/v1/change-locks", Cancel);
        Assert.Contains(listed.EnumerateArray(), l => l.GetProperty("id").GetInt64() == id);

        await AssertProblemAsync(
            await Writer.DeleteAsync($"/api/v1/change-locks/{id}", Cancel),
            HttpStatusCode.Forbidden,
            "Closing an incident or removing a change lock lets production change again: use an admin token or a write token scoped to a protected environment.");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/change-locks/{id}", Cancel)).StatusCode);
        await AssertProblemAsync(await Admin.DeleteAsync($"/api/v1/change-locks/{id}", Cancel), HttpStatusCode.NotFound, $"There is no change lock #{id}; GET /api/v1/change-locks?all=true lists them.");
    }

    [Fact]
    public async Task A_future_lock_is_listed_and_not_active()
    {
        var now = DateTimeOffset.UtcNow;
        using var added = await Admin.PostAsJsonAsync(
            "/api/v1/change-locks",
            new { reason = "later", startsAt = now.AddDays(1).ToString("O"), endsAt = now.AddDays(2).ToString("O") },
            Cancel);
        var later = await JsonAsync(added);
        var id = later.GetProperty("id").GetInt64();
        Assert.False(later.GetProperty("active").GetBoolean());

        var all = await Admin.GetFromJsonAsync<JsonElement>("/api/v1/change-locks?all=true", Cancel);
        Assert.Contains(all.EnumerateArray(), l => l.GetProperty("id").GetInt64() == id && l.GetProperty("environments").GetArrayLength() == 0);
    }

    [Theory]
    [InlineData("""{"startsAt": "2030-01-01T00:00:00Z", "endsAt": "2030-01-02T00:00:00Z"}""", "reason is required: say why the environments are locked.")]
    [InlineData("""{"reason": "r", "endsAt": "2030-01-02T00:00:00Z"}""", "startsAt is required: an ISO 8601 time with an offset, e.g. 2025-03-01T09:00:00Z.")]
    [InlineData("""{"reason": "r", "startsAt": "tomorrow", "endsAt": "2030-01-02T00:00:00Z"}""", "startsAt is 'tomorrow', which is not an ISO 8601 time with an offset; send e.g. 2025-03-01T09:00:00Z.")]
    [InlineData("""{"reason": "r", "startsAt": "2030-01-01T00:00:00", "endsAt": "2030-01-02T00:00:00Z"}""", "startsAt is '2030-01-01T00:00:00', which is not an ISO 8601 time with an offset; send e.g. 2025-03-01T09:00:00Z.")]
    [InlineData("""{"reason": "r", "startsAt": "2030-01-02T00:00:00Z", "endsAt": "2030-01-01T00:00:00+01:00"}""", "endsAt must be after startsAt.")]
    [InlineData("""{"reason": "r", "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2020-01-02T00:00:00Z"}""", "endsAt (2020-01-02T00:00:00.0000000+00:00) is in the past; a lock that has ended holds nothing.")]
    [InlineData("""{"reason": "r", "startsAt": "2030-01-01T00:00:00Z", "endsAt": "2030-01-02T00:00:00Z", "environments": ["staging"]}""", "staging is not protected: change locks hold protected environments, where the production check runs.")]
    [InlineData("""{"reason": "r", "startsAt": "2030-01-01T00:00:00Z", "endsAt": "2030-01-02T00:00:00Z", "environments": ["moon"]}""", "Unknown environment 'moon'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).")]
    public async Task An_invalid_change_lock_is_400_saying_what_is_wrong(string json, string detail)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        await AssertProblemAsync(await Admin.PostAsync("/api/v1/change-locks", content, Cancel), HttpStatusCode.BadRequest, detail);
    }
}
