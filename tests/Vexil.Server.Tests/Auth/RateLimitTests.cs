using System.Net;
using Microsoft.Extensions.Options;
using Vexil.Server.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>
/// The per-token limit with a bucket of two and a refill so slow (one request per 1,000 seconds) that no test can see
/// it refill: the third request in a row is always over the limit, however slow the machine.
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_the_limit_the_native_api_answers_429_problem_details_with_retry_after()
    {
        await using var server = Server();
        var admin = server.CreateAdminClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await admin.GetAsync(TokenApi.Path, Cancel)).StatusCode);
        }

        var limited = await admin.GetAsync(TokenApi.Path, Cancel);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfter(limited);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await TokenApi.JsonAsync(limited);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Too many requests from this token: the limit is 0.001 per second with bursts of 2; retry after ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_limit_ofrep_answers_with_its_own_error_body()
    {
        await using var server = Server();
        var client = server.CreateClient();

        var limited = await ThirdAsync(client, "/ofrep/v1/evaluate/flags/duo_chat_multi_thread");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfter(limited);
        Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
        var body = await TokenApi.JsonAsync(limited);
        Assert.Equal("GENERAL", body.GetProperty("errorCode").GetString());
        Assert.StartsWith("Too many requests from this client address", body.GetProperty("errorDetails").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_limit_the_gitlab_api_answers_with_gitlabs_message()
    {
        await using var server = Server();

        var limited = await ThirdAsync(server.CreateAdminClient(), "/api/v4/features");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfter(limited);
        Assert.Equal("""{"message":"429 Too Many Requests"}""", await limited.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Chatops_is_limited_too()
    {
        await using var server = Server();

        var limited = await ThirdAsync(server.CreateClient(), "/chatops/slack");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        AssertRetryAfter(limited);
    }

    [Fact]
    public async Task Each_token_has_a_bucket_of_its_own()
    {
        await using var server = Server(burst: 3);
        var admin = server.CreateAdminClient();
        var (_, reader) = await TokenApi.CreateAsync(admin, "reader", "read");
        await admin.GetAsync(TokenApi.Path, Cancel);
        await admin.GetAsync(TokenApi.Path, Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await admin.GetAsync(TokenApi.Path, Cancel)).StatusCode);

        // The reader's bucket is full: it gets the answer its rights give (403), not 429.
        var asReader = await server.CreateClientWithToken(reader).GetAsync(TokenApi.Path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
    }

    [Fact]
    public async Task Pages_health_and_the_openapi_document_are_not_limited()
    {
        await using var server = Server();
        var client = server.CreateClient();

        foreach (var path in new[] { "/health", "/", "/openapi/v1.json", "/favicon.ico" })
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, Cancel)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task The_limit_can_be_turned_off()
    {
        await using var server = Server(enabled: false);
        var admin = server.CreateAdminClient();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(TokenApi.Path, Cancel)).StatusCode);
        }
    }

    [Theory]
    [InlineData("0", "2", "Vexil:Auth:RateLimit:PermitsPerSecond is 0; set it above 0")]
    [InlineData("10", "0", "Vexil:Auth:RateLimit:Burst is 0; set it to 1 or more")]
    public async Task A_wrong_limit_stops_the_server_with_a_message_naming_the_setting(string permits, string burst, string message)
    {
        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(() => new AuthServerFactory(new Dictionary<string, string?>
        {
            ["Vexil:Auth:RateLimit:PermitsPerSecond"] = permits,
            ["Vexil:Auth:RateLimit:Burst"] = burst,
        }));

        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2_000, 200, 100)]
    [InlineData(15, 2, 133.333)]
    [InlineData(0.5, 1, 2_000)]
    [InlineData(1_000_000, 100_000, 100)]
    public void The_bucket_refills_at_the_configured_rate_in_steps_of_about_a_tenth_of_a_second(double permits, int perStep, double stepMilliseconds)
    {
        var bucket = ApiRateLimiting.BucketFor(new RateLimitOptions { PermitsPerSecond = permits, Burst = 7 });

        Assert.Equal(7, bucket.TokenLimit);
        Assert.Equal(perStep, bucket.TokensPerPeriod);
        Assert.Equal(stepMilliseconds, bucket.ReplenishmentPeriod.TotalMilliseconds, 3);
        // Exact up to the 100 ns resolution of TimeSpan.
        Assert.InRange(bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds, permits * (1 - 1e-6), permits * (1 + 1e-6));
        Assert.Equal(0, bucket.QueueLimit);
    }

    private static AuthServerFactory Server(int burst = 2, bool enabled = true) => new(new Dictionary<string, string?>
    {
        ["Vexil:Auth:RateLimit:PermitsPerSecond"] = "0.001",
        ["Vexil:Auth:RateLimit:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vexil:Auth:RateLimit:Enabled"] = enabled ? "true" : "false",
    });

    private static async Task<HttpResponseMessage> ThirdAsync(HttpClient client, string path)
    {
        await client.GetAsync(path, Cancel);
        await client.GetAsync(path, Cancel);
        return await client.GetAsync(path, Cancel);
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), $"Retry-After was {retryAfter}.");
    }
}
