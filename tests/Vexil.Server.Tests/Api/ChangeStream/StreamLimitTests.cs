using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

/// <summary>Open change streams are limited per token and per client address; a revoked token's streams end.</summary>
public sealed class StreamLimitTests : IDisposable
{
    private const string Path = "/api/v1/environments/dev/stream";

    private readonly VexilServerFactory factory = VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["Vexil:Stream:MaxPerToken"] = "2",
        ["Vexil:Stream:MaxPerAddress"] = "3",
    });

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Streams_beyond_the_per_token_limit_get_429_until_one_closes()
    {
        using var admin = factory.CreateAdminClient();
        var (_, secret) = await TokenApi.CreateAsync(admin, "streams", "read");
        using var client = Bearer(secret);

        var first = await OpenAsync(client);
        using var second = await OpenAsync(client);

        using (var refused = await client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead, Cancel))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("This token already has 2 change streams open (Vexil:Stream:MaxPerToken)", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        // Closing one frees its place once the server has seen the client leave.
        first.Dispose();
        await EventuallyOpensAsync(client);
    }

    [Fact]
    public async Task Streams_beyond_the_per_address_limit_get_429_whatever_the_token()
    {
        using var admin = factory.CreateAdminClient();
        var (_, one) = await TokenApi.CreateAsync(admin, "address-one", "read");
        var (_, two) = await TokenApi.CreateAsync(admin, "address-two", "read");
        using var first = Bearer(one);
        using var second = Bearer(two);

        using var a = await OpenAsync(first);
        using var b = await OpenAsync(first);
        using var c = await OpenAsync(second);

        using var refused = await second.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("change streams open (Vexil:Stream:MaxPerAddress)", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_a_token_ends_its_open_streams()
    {
        using var admin = factory.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(admin, "revoked-streams", "read");
        using var client = Bearer(secret);
        using var stream = await OpenAsync(client);

        using (var revoked = await admin.DeleteAsync($"{TokenApi.Path}/{id}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        using var ends = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.Reader.ReadBlockAsync(ends.Token) is not null)
        {
        }
    }

    [Theory]
    [InlineData("Vexil:Stream:MaxPerToken", "set both to at least 1")]
    [InlineData("Vexil:Stream:MaxPerAddress", "set both to at least 1")]
    [InlineData("Vexil:Stream:History", "Vexil:Stream:History is 0")]
    [InlineData("Vexil:Stream:MaxQueuedEvents", "Vexil:Stream:MaxQueuedEvents is 0")]
    [InlineData("Vexil:Stream:HeartbeatInterval", "set a positive interval")]
    public void A_setting_out_of_range_stops_the_start(string key, string message)
    {
        var failure = VexilServerFactory.StartupFailure<OptionsValidationException>(() => VexilServerFactory.With(new Dictionary<string, string?> { [key] = "0" }));

        Assert.NotNull(failure);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => factory.Dispose();

    private HttpClient Bearer(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<OpenStream> OpenAsync(HttpClient client)
    {
        var response = await client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.StartsWith(": connected ", Assert.Single((await reader.ReadBlockAsync(Cancel))!), StringComparison.Ordinal);
        return new OpenStream(response, reader);
    }

    private static async Task EventuallyOpensAsync(HttpClient client)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net, not a timing assertion
        while (true)
        {
            using var response = await client.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            await Task.Delay(20, deadline.Token);
        }
    }

    private sealed record OpenStream(HttpResponseMessage Response, ServerSentEventReader Reader) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }
}
