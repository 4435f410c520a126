using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.Primitives;
using Vexil.Core.State;
using Vexil.Server.Api.Ofrep;
using Xunit;
using static Vexil.Server.Tests.Api.Ofrep.OfrepCalls;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepBulkCompressionTests(OfrepServerFactory factory) : IClassFixture<OfrepServerFactory>
{
    private readonly HttpClient client = factory.CreateBearerClient();

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    public async Task Bulk_answer_is_compressed_as_the_client_accepts_and_decodes_to_the_plain_answer(string acceptEncoding, string expected)
    {
        await EnsureLargeAnswerAsync();
        var plain = await PostRawAsync(null);
        Assert.Null(plain.Encoding);

        var compressed = await PostRawAsync(acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, compressed.Status);
        Assert.Equal(expected, compressed.Encoding);
        Assert.Contains("Accept-Encoding", compressed.Vary);
        Assert.Equal(compressed.Body.Length, compressed.ContentLength);
        Assert.True(compressed.Body.Length * 4 < plain.Body.Length, $"{compressed.Body.Length} compressed bytes of {plain.Body.Length}");
        Assert.Equal(Encoding.UTF8.GetString(plain.Body), Encoding.UTF8.GetString(Decode(compressed.Body, expected)));
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("br;q=0, gzip;q=0")]
    [InlineData("*;q=0")]
    [InlineData("compress")]
    public async Task Codings_refused_or_unknown_get_the_plain_answer(string acceptEncoding)
    {
        await EnsureLargeAnswerAsync();

        var answer = await PostRawAsync(acceptEncoding);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(answer.Encoding);
        Assert.StartsWith("{\"flags\":[", Encoding.UTF8.GetString(answer.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_304_and_the_etag_do_not_depend_on_the_coding()
    {
        await EnsureLargeAnswerAsync();
        var compressed = await PostRawAsync("br");

        var revalidated = await PostRawAsync("gzip", compressed.ETag);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.Status);
        Assert.Empty(revalidated.Body);
    }

    [Theory]
    [InlineData("", "Identity")]
    [InlineData("*", "Brotli")]
    [InlineData("gzip;q=1, *;q=0", "Gzip")]
    [InlineData("x-gzip", "Gzip")]
    [InlineData("BR", "Brotli")]
    [InlineData("br;q=0.1, gzip;q=0.9", "Gzip")]
    [InlineData(";;;q=,", "Identity")]
    public void Coding_follows_the_quality_values(string header, string expected) =>
        Assert.Equal(expected, OfrepBulkEncoding.Choose(new StringValues(header)).ToString());

    private static byte[] Decode(byte[] body, string coding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    // Enough flags in production that the answer is well past the size below which nothing is compressed.
    private async Task EnsureLargeAnswerAsync()
    {
        for (var i = 0; i < 40; i++)
        {
            await factory.ChangeAsync("production", $"ofrep_compressed_{i:00}", GateOperation.EnableActor("User:" + i));
        }
    }

    private async Task<(HttpStatusCode Status, string? Encoding, string Vary, long? ContentLength, string? ETag, byte[] Body)> PostRawAsync(
        string? acceptEncoding, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags")
        {
            Content = new StringContent(Body("User:1"), Encoding.UTF8, "application/json"),
        };
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return (
            response.StatusCode,
            response.Content.Headers.ContentEncoding.SingleOrDefault(),
            string.Join(",", response.Headers.Vary),
            response.Content.Headers.ContentLength,
            response.Headers.ETag?.ToString(),
            body);
    }
}
