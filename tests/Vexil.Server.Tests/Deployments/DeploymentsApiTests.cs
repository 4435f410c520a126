using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Deployments;

/// <summary><c>/api/v1/deployments</c>: the deployments token, every field's validation, the list and its pages.</summary>
public sealed class DeploymentsApiTests(VexilServerFactory factory) : IClassFixture<VexilServerFactory>
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient Bearer(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<HttpClient> DeployerAsync(params string[] environments) =>
        Bearer((await TokenApi.CreateAsync(factory.CreateAdminClient(), $"ci-deployer-{Guid.NewGuid():N}", "deployments", environments)).Secret);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await TokenApi.JsonAsync(response)).GetProperty("detail").GetString()!;

    [Fact]
    public async Task A_deployments_token_records_a_deployment_by_alias_and_gets_it_back()
    {
        var ci = await DeployerAsync();

        using var response = await ci.PostAsync(
            "/api/v1/deployments",
            Json($$"""{"environment": "gstg-cny", "sha": "{{Sha.ToUpperInvariant()}}", "ref": "17-9-auto-deploy-2026120410", "status": "success", "finished_at": "2026-12-04T10:15:00+02:00", "url": "https://gitlab.example.com/group/app/-/jobs/42"}"""),
            Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await TokenApi.JsonAsync(response);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/deployments/{id}", response.Headers.Location?.ToString());
        Assert.Equal("staging-canary", body.GetProperty("environment").GetString());
        Assert.Equal(Sha, body.GetProperty("sha").GetString());
        Assert.Equal("17-9-auto-deploy-2026120410", body.GetProperty("ref").GetString());
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 8, 15, 0, TimeSpan.Zero), body.GetProperty("finished_at").GetDateTimeOffset());
        Assert.Equal("https://gitlab.example.com/group/app/-/jobs/42", body.GetProperty("url").GetString());
        Assert.StartsWith("ci-deployer-", body.GetProperty("recorded_by").GetString(), StringComparison.Ordinal);

        var list = await TokenApi.JsonAsync(await ci.GetAsync($"/api/v1/deployments?environment=gstg-cny&sha={Sha}", Cancel));
        Assert.Contains(list.GetProperty("deployments").EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Status_defaults_to_success_and_finished_at_to_now()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var response = await factory.CreateAdminClient().PostAsync("/api/v1/deployments", Json($$"""{"environment": "dev", "sha": "{{Sha}}", "ref": "main"}"""), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await TokenApi.JsonAsync(response);
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.InRange(body.GetProperty("finished_at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("url").ValueKind);
    }

    [Theory]
    [InlineData("""{"environment": "moon", "sha": "S", "ref": "main"}""", "environment", "Unknown environment 'moon'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).")]
    [InlineData("""{"sha": "S", "ref": "main"}""", "environment", "environment is required.")]
    [InlineData("""{"environment": "gstg", "sha": "0123456", "ref": "main"}""", "sha", "sha '0123456' is not a full commit sha: send all 40 hexadecimal digits (CI_COMMIT_SHA in GitLab CI).")]
    [InlineData("""{"environment": "gstg", "sha": "z123456789abcdef0123456789abcdef01234567", "ref": "main"}""", "sha", "sha 'z123456789abcdef0123456789abcdef01234567' is not a full commit sha: send all 40 hexadecimal digits (CI_COMMIT_SHA in GitLab CI).")]
    [InlineData("""{"environment": "gstg", "sha": 12, "ref": "main"}""", "sha", "sha must be a JSON string, not number.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": ""}""", "ref", "ref is required and may not be empty.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": "main", "status": "succeeded"}""", "status", "status 'succeeded' is not one Vexil knows; use success, failed, running.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": "main", "finished_at": "yesterday"}""", "finished_at", "finished_at 'yesterday' is not an ISO 8601 time with an offset; send e.g. 2026-12-04T10:15:00Z, or leave it out for now.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": "main", "finished_at": "2026-12-04T10:15:00"}""", "finished_at", "finished_at '2026-12-04T10:15:00' is not an ISO 8601 time with an offset; send e.g. 2026-12-04T10:15:00Z, or leave it out for now.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": "main", "url": "javascript:alert(1)"}""", "url", "url must be an http or https URL of at most 2048 characters (CI_JOB_URL or CI_PIPELINE_URL); leave it out if there is none.")]
    [InlineData("""{"environment": "gstg", "sha": "S", "ref": "main", "finishedAt": "2026-12-04T10:15:00Z"}""", "finishedAt", "'finishedAt' is not a deployment field; send only environment, sha, ref, status, finished_at, url.")]
    public async Task Every_bad_field_gets_a_400_that_names_it(string json, string field, string message)
    {
        using var response = await factory.CreateAdminClient().PostAsync("/api/v1/deployments", Json(json.Replace("\"S\"", $"\"{Sha}\"", StringComparison.Ordinal)), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await TokenApi.JsonAsync(response);
        Assert.Equal([message], body.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(message, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_long_ref_invalid_json_and_a_wrong_content_type_are_refused()
    {
        var admin = factory.CreateAdminClient();

        using var longRef = await admin.PostAsync("/api/v1/deployments", Json($$"""{"environment": "gstg", "sha": "{{Sha}}", "ref": "{{new string('r', 256)}}"}"""), Cancel);
        using var broken = await admin.PostAsync("/api/v1/deployments", Json("{\"environment\": "), Cancel);
        using var twice = await admin.PostAsync("/api/v1/deployments", Json($$"""{"environment": "gstg", "environment": "gprd", "sha": "{{Sha}}", "ref": "main"}"""), Cancel);
        using var text = await admin.PostAsync("/api/v1/deployments", new StringContent("{}", Encoding.UTF8, "text/plain"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, longRef.StatusCode);
        Assert.Contains("ref is 256 characters long; use at most 255.", await DetailAsync(longRef), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.StartsWith("The body is not valid JSON", await DetailAsync(broken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("Send the deployment as JSON with Content-Type: application/json.", await DetailAsync(text));
    }

    [Fact]
    public async Task Read_and_write_tokens_cannot_record_and_anonymous_callers_are_told_what_to_send()
    {
        var admin = factory.CreateAdminClient();
        var writer = Bearer((await TokenApi.CreateAsync(admin, $"writer-{Guid.NewGuid():N}", "write")).Secret);
        var body = $$"""{"environment": "gstg", "sha": "{{Sha}}", "ref": "main"}""";

        using var refused = await writer.PostAsync("/api/v1/deployments", Json(body), Cancel);
        using var anonymous = await factory.CreateClient().PostAsync("/api/v1/deployments", Json(body), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.EndsWith("is a write token. Make one for CI with `vexil token create --kind deployments`.", await DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_deployments_token_scoped_to_staging_records_and_lists_only_staging()
    {
        var ci = await DeployerAsync("gstg");

        using var staging = await ci.PostAsync("/api/v1/deployments", Json($$"""{"environment": "staging", "sha": "{{Sha}}", "ref": "main"}"""), Cancel);
        using var production = await ci.PostAsync("/api/v1/deployments", Json($$"""{"environment": "gprd", "sha": "{{Sha}}", "ref": "main"}"""), Cancel);
        using var listProduction = await ci.GetAsync("/api/v1/deployments?environment=production", Cancel);
        var listed = await TokenApi.JsonAsync(await ci.GetAsync("/api/v1/deployments", Cancel));

        Assert.Equal(HttpStatusCode.Created, staging.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, production.StatusCode);
        Assert.EndsWith("may record deployments to staging only, not production.", await DetailAsync(production), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, listProduction.StatusCode);
        Assert.All(listed.GetProperty("deployments").EnumerateArray(), d => Assert.Equal("staging", d.GetProperty("environment").GetString()));
    }

    [Theory]
    [InlineData("GET", "/api/v1/flags")]
    [InlineData("GET", "/api/v1/flags/duo_chat_multi_thread")]
    [InlineData("GET", "/api/v1/audit")]
    [InlineData("GET", "/api/v1/environments")]
    [InlineData("GET", "/api/v1/definitions")]
    [InlineData("GET", "/api/v1/tokens")]
    [InlineData("POST", "/api/v1/commands")]
    [InlineData("GET", "/api/v1/incidents")]
    [InlineData("GET", "/api/v4/features")]
    [InlineData("POST", "/api/v4/features/duo_chat_multi_thread")]
    [InlineData("POST", "/ofrep/v1/evaluate/flags/duo_chat_multi_thread")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/health")]
    public async Task A_deployments_token_is_refused_everywhere_else(string method, string path)
    {
        var ci = await DeployerAsync();

        using var response = await ci.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("""{"value": "true", "text": "feature set x true"}""") }, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("is a deployments token: it may only record and list deployments at /api/v1/deployments.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_paged_with_a_link_to_the_next_page()
    {
        var admin = factory.CreateAdminClient();
        var sha = Guid.NewGuid().ToString("N") + "01234567"; // 40 hex digits of this test's own
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            using var recorded = await admin.PostAsync(
                "/api/v1/deployments",
                Json($$"""{"environment": "ops", "sha": "{{sha}}", "ref": "main", "finished_at": "2026-12-04T10:0{{i}}:00Z"}"""),
                Cancel);
            ids.Add((await TokenApi.JsonAsync(recorded)).GetProperty("id").GetInt64());
        }

        var seen = new List<long>();
        var url = $"/api/v1/deployments?sha={sha}&per_page=2";
        var pages = 0;
        while (url is not null)
        {
            using var page = await admin.GetAsync(url, Cancel);
            var body = await TokenApi.JsonAsync(page);
            seen.AddRange(body.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
            url = page.Headers.TryGetValues("Link", out var links) ? new Uri(links.Single().Split(';')[0].Trim('<', '>')).PathAndQuery : null;
            Assert.Equal(url is null, body.GetProperty("next_before").ValueKind == JsonValueKind.Null);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Theory]
    [InlineData("per_page=0", "per_page is '0'; use a whole number from 1 to 100.")]
    [InlineData("per_page=101", "per_page is '101'; use a whole number from 1 to 100.")]
    [InlineData("before=abc", "before is 'abc'; pass the id of the last deployment of the previous page (next_before).")]
    [InlineData("sha=abc", "sha 'abc' is not a full commit sha: pass all 40 hexadecimal digits.")]
    [InlineData("environment=moon", "Unknown environment 'moon'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).")]
    public async Task Bad_list_parameters_are_a_400(string query, string message)
    {
        using var response = await factory.CreateAdminClient().GetAsync($"/api/v1/deployments?{query}", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, await DetailAsync(response));
    }

    [Fact]
    public async Task The_audit_timeline_shows_deployments_with_include_deployments()
    {
        var admin = factory.CreateAdminClient();
        using var recorded = await admin.PostAsync("/api/v1/deployments", Json($$"""{"environment": "pre", "sha": "{{Sha}}", "ref": "v17.9.0-ee"}"""), Cancel);
        var id = (await TokenApi.JsonAsync(recorded)).GetProperty("id").GetInt64();

        var with = await TokenApi.JsonAsync(await admin.GetAsync("/api/v1/audit?environment=pre&include=deployments,attempts", Cancel));
        var without = await TokenApi.JsonAsync(await admin.GetAsync("/api/v1/audit?environment=pre", Cancel));
        using var unknown = await admin.GetAsync("/api/v1/audit?include=deploys", Cancel);

        var entry = Assert.Single(with.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "deployment");
        Assert.Equal(id, entry.GetProperty("id").GetInt64());
        Assert.Equal("Deployed v17.9.0-ee (0123456789a) to pre: success", entry.GetProperty("title").GetString());
        Assert.Equal(Sha, entry.GetProperty("details").GetProperty("sha").GetString());
        Assert.DoesNotContain(without.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "deployment");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(
            "include is 'deploys', which the audit trail does not know; use include=attempts to add refused attempts, include=deployments to add recorded deployments, or both (include=attempts,deployments).",
            await DetailAsync(unknown));
    }

    [Fact]
    public async Task A_flag_says_which_deployment_its_last_change_came_after()
    {
        var admin = factory.CreateAdminClient();
        var deployedAt = DateTimeOffset.UtcNow.AddMinutes(-3).AddSeconds(-10);
        using var recorded = await admin.PostAsync(
            "/api/v1/deployments",
            Json($$"""{"environment": "gstg-ref", "sha": "{{Sha}}", "ref": "17-9-auto-deploy-2026120410", "finished_at": "{{deployedAt:O}}"}"""),
            Cancel);
        var id = (await TokenApi.JsonAsync(recorded)).GetProperty("id").GetInt64();
        using var changed = await admin.PostAsJsonAsync("/api/v1/commands", new { text = "feature set duo_chat_multi_thread true --staging-ref" }, Cancel);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Cancel));

        var flag = await TokenApi.JsonAsync(await admin.GetAsync("/api/v1/flags/duo_chat_multi_thread", Cancel));

        var cells = flag.GetProperty("environments").EnumerateArray().ToArray();
        var cell = cells.Single(e => e.GetProperty("environment").GetString() == "staging-ref");
        var last = cell.GetProperty("lastChange");
        Assert.False(string.IsNullOrEmpty(last.GetProperty("by").GetString()));
        Assert.True(last.GetProperty("at").GetDateTimeOffset() > deployedAt);
        var after = last.GetProperty("afterDeployment");
        Assert.Equal(id, after.GetProperty("id").GetInt64());
        Assert.Equal(Sha, after.GetProperty("sha").GetString());
        Assert.Equal("17-9-auto-deploy-2026120410", after.GetProperty("ref").GetString());
        Assert.Equal(3, after.GetProperty("minutesBefore").GetInt64());
        Assert.False(cells.Single(e => e.GetProperty("environment").GetString() == "staging-canary").TryGetProperty("lastChange", out _));
    }
}
