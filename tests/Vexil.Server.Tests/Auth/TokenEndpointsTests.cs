using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary><c>/api/v1/tokens</c> through the real pipeline: shapes, rights, validation, and what reaches the database.</summary>
public sealed class TokenEndpointsTests(VexilServerFactory factory) : IClassFixture<VexilServerFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_answers_201_with_the_secret_and_where_the_token_lives()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync(
            TokenApi.Path,
            new { name = "ci-deploy", kind = "Write", environments = new[] { "gstg" }, expiresAt = "2999-01-01T00:00:00Z" },
            Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await TokenApi.JsonAsync(response);
        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/tokens/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("vxl_", body.GetProperty("token").GetString(), StringComparison.Ordinal);
        Assert.Equal("ci-deploy", body.GetProperty("name").GetString());
        Assert.Equal("write", body.GetProperty("kind").GetString());
        Assert.Equal(["staging"], body.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("bootstrap-admin", body.GetProperty("createdBy").GetString());
        Assert.Equal(new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("revokedAt").ValueKind);
        Assert.False(body.TryGetProperty("hash", out _));
    }

    [Fact]
    public async Task Neither_list_nor_show_ever_carries_a_secret_or_a_hash()
    {
        var admin = factory.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(admin, "never-shown", "read");

        var list = await admin.GetStringAsync(TokenApi.Path, Cancel);
        var one = await admin.GetStringAsync($"{TokenApi.Path}/{id}", Cancel);

        foreach (var text in new[] { list, one })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Vexil.Server.Auth.TokenHasher.Hash(secret), text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"token\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(JsonDocument.Parse(list).RootElement.EnumerateArray(), token => token.GetProperty("id").GetInt64() == id);
        Assert.Equal("never-shown", JsonDocument.Parse(one).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_database_file_never_holds_a_secret_made_through_the_api()
    {
        var (_, secret) = await TokenApi.CreateAsync(factory.CreateAdminClient(), "at-rest", "admin");

        var path = new SqliteConnectionStringBuilder(factory.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString).DataSource;
        var needle = Encoding.UTF8.GetBytes(secret[Vexil.Server.Auth.TokenHasher.Prefix.Length..]);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
        {
            // Shared read: the server has the file open.
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Cancel);
            Assert.Equal(-1, copy.ToArray().AsSpan().IndexOf(needle));
        }
    }

    [Fact]
    public async Task A_token_made_through_the_api_works_at_once()
    {
        var (_, secret) = await TokenApi.CreateAsync(factory.CreateAdminClient(), "second-admin", "admin");

        var response = await WithToken(secret).GetAsync(TokenApi.Path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Environments_are_stored_by_canonical_name_once_each()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync(
            TokenApi.Path,
            new { name = "ops", kind = "write", environments = new[] { "gprd", "GSTG", "staging", "production" } },
            Cancel);

        var body = await TokenApi.JsonAsync(response);
        Assert.Equal(["production", "staging"], body.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Revoke_answers_204_and_the_token_stops_working_at_once()
    {
        var admin = factory.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(admin, "to-revoke", "admin");
        Assert.Equal(HttpStatusCode.OK, (await WithToken(secret).GetAsync(TokenApi.Path, Cancel)).StatusCode);

        var revoke = await admin.DeleteAsync($"{TokenApi.Path}/{id}", Cancel);
        var after = await WithToken(secret).GetAsync(TokenApi.Path, Cancel);
        var again = await admin.DeleteAsync($"{TokenApi.Path}/{id}", Cancel);
        var shown = await TokenApi.JsonAsync(await admin.GetAsync($"{TokenApi.Path}/{id}", Cancel));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("not valid", (await TokenApi.JsonAsync(after)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.False(shown.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.String, shown.GetProperty("revokedAt").ValueKind);
    }

    [Theory]
    [InlineData(999_999, "No token has id 999999; list the tokens with GET /api/v1/tokens.")]
    [InlineData(0, "Token 0 is the bootstrap admin token from Vexil:Auth:BootstrapAdminToken; change or remove it in the configuration.")]
    public async Task Revoking_or_showing_a_token_that_is_not_stored_is_404_problem_details(long id, string detail)
    {
        var admin = factory.CreateAdminClient();

        foreach (var response in new[] { await admin.DeleteAsync($"{TokenApi.Path}/{id}", Cancel), await admin.GetAsync($"{TokenApi.Path}/{id}", Cancel) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(detail, (await TokenApi.JsonAsync(response)).GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("""{"name":"x","kind":"read","environments":["qa"]}""", "environments", "Unknown environment 'qa'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).")]
    [InlineData("""{"name":"x","kind":"superuser"}""", "kind", "Unknown kind 'superuser': use one of read, write, admin, metrics, deployments.")]
    [InlineData("""{"name":"x"}""", "kind", "Say what the token may do: kind is one of read, write, admin, metrics, deployments.")]
    [InlineData("""{"name":"   ","kind":"read"}""", "name", "Give the token a name saying what it is for, e.g. 'ci-deploy'.")]
    [InlineData("""{"kind":"read"}""", "name", "Give the token a name saying what it is for, e.g. 'ci-deploy'.")]
    [InlineData("""{"name":"line\nbreak","kind":"read"}""", "name", "The name contains control characters (such as line breaks); use printable characters only.")]
    [InlineData("""{"name":"x","kind":"read","expiresAt":"2000-01-01T00:00:00Z"}""", "expiresAt", "expiresAt 2000-01-01T00:00:00.0000000+00:00 is not in the future; give a later time, or leave it out for a token that does not expire.")]
    [InlineData("""{"name":"x","kind":"admin","environments":["staging"]}""", "environments", "Admin tokens reach every environment: leave environments empty, or make a read or write token limited to them.")]
    [InlineData("""{"name":"x","kind":"metrics","environments":["staging"]}""", "environments", "Metrics tokens read only /metrics, which covers every environment: leave environments empty.")]
    [InlineData("""{"name":"bootstrap-admin","kind":"admin"}""", "name", "'bootstrap-admin' is reserved for the bootstrap admin token (Vexil:Auth:BootstrapAdminToken); pick another name.")]
    [InlineData("""{"name":" Bootstrap-ADMIN ","kind":"read"}""", "name", "'bootstrap-admin' is reserved for the bootstrap admin token (Vexil:Auth:BootstrapAdminToken); pick another name.")]
    public async Task Invalid_requests_are_400_problem_details_naming_the_field_and_the_fix(string json, string field, string message)
    {
        var response = await factory.CreateAdminClient().PostAsync(TokenApi.Path, new StringContent(json, Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TokenApi.JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_active_token_with_the_same_name_is_409_problem_details_saying_what_to_do()
    {
        var admin = factory.CreateAdminClient();
        var name = $"deploy-bot-{Guid.NewGuid():N}";
        var (id, _) = await TokenApi.CreateAsync(admin, name, "write");

        var response = await admin.PostAsJsonAsync(TokenApi.Path, new { name = name.ToUpperInvariant(), kind = "read" }, Cancel);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TokenApi.JsonAsync(response);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.Equal("The token was not made: its name is taken.", problem.GetProperty("title").GetString());
        Assert.Equal(
            $"A token named '{name.ToUpperInvariant()}' is already active (token {id}): pick another name, or revoke the old token first (DELETE /api/v1/tokens/{id}).",
            problem.GetProperty("detail").GetString());
        var all = await admin.GetFromJsonAsync<JsonElement>(TokenApi.Path, Cancel);
        Assert.Single(all.EnumerateArray(), token => string.Equals(token.GetProperty("name").GetString(), name, StringComparison.OrdinalIgnoreCase));

        // Revoked, the name is free again.
        (await admin.DeleteAsync($"{TokenApi.Path}/{id}", Cancel)).EnsureSuccessStatusCode();
        await TokenApi.CreateAsync(admin, name, "read");
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_is_refused()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync(TokenApi.Path, new { name = new string('n', 101), kind = "read" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "The name is 101 characters long; use at most 100.",
            (await TokenApi.JsonAsync(response)).GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync(TokenApi.Path, new { name = "", kind = "root", environments = new[] { "qa" } }, Cancel);

        var errors = (await TokenApi.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["environments", "kind", "name"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string> Endpoints() => new()
    {
        { "POST", TokenApi.Path },
        { "GET", TokenApi.Path },
        { "GET", TokenApi.Path + "/1" },
        { "DELETE", TokenApi.Path + "/1" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_a_token_every_endpoint_is_401_problem_details_with_a_bearer_challenge(string method, string path)
    {
        var response = await factory.CreateClient().SendAsync(Request(method, path), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await TokenApi.JsonAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", problem.GetProperty("title").GetString());
        Assert.Equal("This needs an admin token: send it in the PRIVATE-TOKEN header or as 'Authorization: Bearer <token>'.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task With_an_unknown_token_every_endpoint_is_401(string method, string path)
    {
        var response = await WithToken("vxl_not_a_real_token").SendAsync(Request(method, path), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "The token is not valid: it is unknown, revoked or expired. Send a current admin token.",
            (await TokenApi.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task With_a_read_or_write_token_every_endpoint_is_403_problem_details(string method, string path)
    {
        var admin = factory.CreateAdminClient();
        // Names are unique among active tokens, and every row of this theory shares one server.
        var suffix = $"{method}{path}".ToLowerInvariant().Replace('/', '-');
        var (_, reader) = await TokenApi.CreateAsync(admin, $"reader{suffix}", "read");
        var (_, writer) = await TokenApi.CreateAsync(admin, $"prod-writer{suffix}", "write", "production");

        foreach (var (secret, expected) in new[] { (reader, $"'reader{suffix}' is a read token"), (writer, $"'prod-writer{suffix}' is a write token") })
        {
            var response = await WithToken(secret).SendAsync(Request(method, path), Cancel);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await TokenApi.JsonAsync(response);
            Assert.Equal(403, problem.GetProperty("status").GetInt32());
            Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_gitlab_header_works_as_well_as_bearer()
    {
        var (_, secret) = await TokenApi.CreateAsync(factory.CreateAdminClient(), "header-admin", "admin");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", secret);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TokenApi.Path, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_endpoints_are_in_the_openapi_document()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Cancel)).RootElement;

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/tokens", out var collection));
        Assert.True(paths.TryGetProperty("/api/v1/tokens/{id}", out var item));
        Assert.True(collection.TryGetProperty("post", out var post));
        Assert.True(collection.TryGetProperty("get", out _));
        Assert.True(item.TryGetProperty("delete", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("401", out _));
    }

    private HttpClient WithToken(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new StringContent("""{"name":"x","kind":"read"}""", Encoding.UTF8, "application/json") : null,
        };
}
