using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Evaluations;

/// <summary><c>POST /api/v1/metrics</c> and <c>GET /api/v1/flags/{name}/evaluations</c>: access, strict validation, the round trip.</summary>
public sealed class EvaluationsApiTests : IDisposable
{
    private const string Reader = "vxl_eval_reader";
    private const string StagingReader = "vxl_eval_staging_reader";
    private const string Scraper = "vxl_eval_metrics";

    private readonly VexilServerFactory root = new();
    private readonly WebApplicationFactory<Program> factory;

    public EvaluationsApiTests()
    {
        factory = root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITokenAuthenticator>(provider => new FixedTokens(provider.GetRequiredService<BootstrapTokenAuthenticator>()))));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        factory.Dispose();
        root.Dispose();
    }

    [Fact]
    public async Task A_read_token_reports_counts_that_add_up_and_show_per_environment()
    {
        using var client = Client(Reader);
        using var first = await PostAsync(client, """{"environment":"gprd","flags":{"duo_chat_multi_thread":{"true":10,"false":3},"code_suggestions_context":{"false":2}},"window_start":"2026-01-01T00:00:00Z","window_end":"2026-01-01T00:01:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("production", answer.GetProperty("environment").GetString());
        Assert.Equal(2, answer.GetProperty("recorded").GetInt32());

        using var second = await PostAsync(client, """{"environment":"production","flags":{"duo_chat_multi_thread":{"true":1,"false":1},"no_such_flag":{"true":5}},"window_end":"2026-01-01T00:02:00Z"}""");
        var secondAnswer = await second.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(["no_such_flag"], secondAnswer.GetProperty("ignored").EnumerateArray().Select(e => e.GetString()));

        var shown = await client.GetFromJsonAsync<JsonElement>("/api/v1/flags/duo_chat_multi_thread/evaluations", Cancel);
        var production = shown.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == "production");
        Assert.Equal(11, production.GetProperty("true").GetInt64());
        Assert.Equal(4, production.GetProperty("false").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 2, 0, TimeSpan.Zero), production.GetProperty("last_evaluated_at").GetDateTimeOffset());
        var staging = shown.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == "staging");
        Assert.Equal(JsonValueKind.Null, staging.GetProperty("last_evaluated_at").ValueKind);
        Assert.Equal(0, staging.GetProperty("true").GetInt64());

        var unknown = await client.GetFromJsonAsync<JsonElement>("/api/v1/flags/no_such_flag/evaluations", Cancel);
        Assert.All(unknown.GetProperty("environments").EnumerateArray(), e => Assert.Equal(0, e.GetProperty("true").GetInt64()));
    }

    [Fact]
    public async Task A_window_ending_in_the_future_counts_as_now()
    {
        using var client = Client(Reader);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var posted = await PostAsync(client, """{"environment":"staging","flags":{"duo_chat_multi_thread":{"true":1}},"window_end":"2999-01-01T00:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var shown = await client.GetFromJsonAsync<JsonElement>("/api/v1/flags/duo_chat_multi_thread/evaluations", Cancel);
        var staging = shown.GetProperty("environments").EnumerateArray().Single(e => e.GetProperty("environment").GetString() == "staging");
        var at = staging.GetProperty("last_evaluated_at").GetDateTimeOffset();
        Assert.InRange(at, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Tokens_are_checked()
    {
        using var anonymous = await PostAsync(Client(null), """{"environment":"staging","flags":{}}""");
        await AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");

        using var scoped = await PostAsync(Client(StagingReader), """{"environment":"production","flags":{}}""");
        await AssertProblemAsync(scoped, HttpStatusCode.Forbidden, "This token may not read 'production', so it may not report its evaluations; use a token for that environment.");

        using var scraper = await PostAsync(Client(Scraper), """{"environment":"staging","flags":{}}""");
        Assert.Equal(HttpStatusCode.Forbidden, scraper.StatusCode);
        Assert.StartsWith("'prometheus' is a metrics token", (await scraper.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString());

        using var allowed = await PostAsync(Client(StagingReader), """{"environment":"gstg","flags":{}}""");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        var shown = await Client(StagingReader).GetFromJsonAsync<JsonElement>("/api/v1/flags/duo_chat_multi_thread/evaluations", Cancel);
        Assert.Equal(["staging"], shown.GetProperty("environments").EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
    }

    [Theory]
    [InlineData("[]", "The body must be a JSON object with 'environment' and 'flags'.")]
    [InlineData("""{"flags":{}}""", "'environment' is required: name the environment the counts come from.")]
    [InlineData("""{"environment":"staging"}""", "'flags' is required: an object of {\"true\": n, \"false\": n} per flag.")]
    [InlineData("""{"environment":3,"flags":{}}""", "'environment' must be a non-empty string naming the environment the counts come from.")]
    [InlineData("""{"environment":"staging","flags":[]}""", "'flags' must be an object of {\"true\": n, \"false\": n} per flag.")]
    [InlineData("""{"environment":"staging","flags":{"x":{"true":-1}}}""", "The true count of 'x' must be a whole number from 0 to 1000000000000.")]
    [InlineData("""{"environment":"staging","flags":{"x":{"false":"3"}}}""", "The false count of 'x' must be a whole number from 0 to 1000000000000.")]
    [InlineData("""{"environment":"staging","flags":{"x":{"true":1.5}}}""", "The true count of 'x' must be a whole number from 0 to 1000000000000.")]
    [InlineData("""{"environment":"staging","flags":{"x":{"maybe":1}}}""", "The counts of 'x' have an unknown member 'maybe'; use \"true\" and \"false\".")]
    [InlineData("""{"environment":"staging","flags":{"x":1}}""", "The counts of 'x' must be an object {\"true\": n, \"false\": n}.")]
    [InlineData("""{"environment":"staging","flags":{"x":{},"x":{}}}""", "'flags' names 'x' twice; send each flag once.")]
    [InlineData("""{"environment":"staging","flags":{},"extra":1}""", "Unknown member 'extra'; a report has environment, flags, window_start and window_end.")]
    [InlineData("""{"environment":"staging","flags":{},"window_end":"yesterday"}""", "'window_end' must be an ISO 8601 time such as 2026-01-31T12:00:00Z.")]
    [InlineData("""{"environment":"staging","flags":{},"window_start":"2026-01-02T00:00:00Z","window_end":"2026-01-01T00:00:00Z"}""", "window_start (2026-01-02T00:00:00.0000000+00:00) is after window_end (2026-01-01T00:00:00.0000000+00:00); send the window in order.")]
    [InlineData("""{"environment":"nowhere","flags":{}}""", "Unknown environment 'nowhere'. Known environments: dev, pre, staging-canary (gstg-cny), staging (gstg), staging-ref (gstg-ref), ops, production-canary (gprd-cny), production (gprd).")]
    public async Task Bad_reports_get_a_400_that_says_what_is_wrong(string body, string detail)
    {
        using var response = await PostAsync(Client(Reader), body);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, detail);
    }

    [Fact]
    public async Task Invalid_flag_names_and_too_many_flags_are_refused()
    {
        using var badName = await PostAsync(Client(Reader), """{"environment":"staging","flags":{"Not A Flag":{"true":1}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.StartsWith("'flags' names 'Not A Flag': ", (await badName.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("detail").GetString());

        var many = string.Join(',', Enumerable.Range(0, 1001).Select(i => $"\"f{i}\":{{}}"));
        using var tooMany = await PostAsync(Client(Reader), "{\"environment\":\"staging\",\"flags\":{" + many + "}}");
        await AssertProblemAsync(tooMany, HttpStatusCode.BadRequest, "'flags' has more than 1000 flags; send at most 1000 per report.");

        using var notJson = await Client(Reader).PostAsync("/api/v1/metrics", new StringContent("{}", Encoding.UTF8, "text/plain"), Cancel);
        await AssertProblemAsync(notJson, HttpStatusCode.UnsupportedMediaType, "Send the report as JSON with Content-Type: application/json.");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body) =>
        client.PostAsync("/api/v1/metrics", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
    }

    private HttpClient Client(string? token)
    {
        var client = factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        return client;
    }

    private sealed class FixedTokens(BootstrapTokenAuthenticator bootstrap) : ITokenAuthenticator
    {
        public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) => secret switch
        {
            Reader => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(21, "reader", TokenKind.Read, [])),
            StagingReader => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(22, "staging-reader", TokenKind.Read, ["staging"])),
            Scraper => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(23, "prometheus", TokenKind.Metrics, [])),
            _ => bootstrap.AuthenticateAsync(secret, cancellationToken),
        };
    }
}
