using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>Concurrent event streams are limited per token and per client address; a revoked token's streams end.</summary>
public sealed class OfrepEventStreamLimitTests : IDisposable
{
    private readonly VexilServerFactory factory = VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["Vexil:Ofrep:EventStreams:MaxPerToken"] = "2",
        ["Vexil:Ofrep:EventStreams:MaxPerAddress"] = "3",
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

        using (var refused = await client.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(
                "This token already has 2 event streams open (Vexil:Ofrep:EventStreams:MaxPerToken): close streams it no longer needs (one per process is enough) before opening another.",
                await DetailsAsync(refused));
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

        using var refused = await second.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("event streams open (Vexil:Ofrep:EventStreams:MaxPerAddress)", await DetailsAsync(refused), StringComparison.Ordinal);
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

        using var again = await client.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Theory]
    [InlineData("Vexil:Ofrep:EventStreams:MaxPerToken")]
    [InlineData("Vexil:Ofrep:EventStreams:MaxPerAddress")]
    public void A_limit_below_one_stops_the_start(string key)
    {
        var failure = VexilServerFactory.StartupFailure<OptionsValidationException>(() => VexilServerFactory.With(new Dictionary<string, string?> { [key] = "0" }));

        Assert.NotNull(failure);
        Assert.Contains("set both to at least 1", failure.Message, StringComparison.Ordinal);
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
        var response = await client.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancel));
        Assert.NotNull(await reader.ReadBlockAsync(Cancel));
        return new OpenStream(response, reader);
    }

    private static async Task EventuallyOpensAsync(HttpClient client)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync("/ofrep/v1/events?environment=dev", HttpCompletionOption.ResponseHeadersRead, Cancel);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True(DateTime.UtcNow < until, "The closed stream's place was never freed.");
            await Task.Delay(50, Cancel);
        }
    }

    private static async Task<string?> DetailsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("errorDetails").GetString();
    }

    private sealed class OpenStream(HttpResponseMessage response, ServerSentEventReader reader) : IDisposable
    {
        public ServerSentEventReader Reader => reader;

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
