using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Fuzz;

/// <summary>
/// Posts random bodies and parameters to every endpoint that accepts a write (or a POST), with an admin token so the
/// requests get past authentication into parsing. No request may produce a 5xx, and none of this garbage may change
/// a flag: the audit log stays empty. (GitLab's Features API has its own, deeper fuzz test.)
/// </summary>
public sealed class WriteEndpointFuzzTests : IClassFixture<VexilServerFactory>
{
    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Post, "/api/v1/tokens"),
        (HttpMethod.Delete, "/api/v1/tokens/{id}"),
        (HttpMethod.Post, "/api/v1/commands"),
        (HttpMethod.Post, "/api/v1/incidents"),
        (HttpMethod.Post, "/api/v1/incidents/{id}/close"),
        (HttpMethod.Post, "/api/v1/change-locks"),
        (HttpMethod.Delete, "/api/v1/change-locks/{id}"),
        (HttpMethod.Post, "/api/v1/notifications/deliveries/{id}/retry"),
        (HttpMethod.Post, "/ofrep/v1/evaluate/flags/{name}"),
        (HttpMethod.Post, "/ofrep/v1/evaluate/flags"),
        (HttpMethod.Post, "/chatops/slack"),
        (HttpMethod.Post, "/chatops/mattermost"),
        (HttpMethod.Post, "/api/v4/features/{name}"),
        (HttpMethod.Delete, "/api/v4/features/{name}"),
    ];

    private static readonly string[] Fragments =
    [
        "feature", "set", "duo_chat_multi_thread", "50", "--actors", "--production", "\"", "'", "`", "{", "}", "[", "]",
        "null", "true", "-1", "1e309", "NaN", "😀", "\u0000", "\uFFFF", "%00", "&", "=", "text", "title", "severity",
        "kind", "admin", "environments", "context", "targetingKey", "actors", "value", "key", "user", "\\", "\n",
        "\u202E", "\u2066", "\u200B", "\uFEFF", ",,", "a,,b", "99999999999", "12345678901234567890",
    ];

    private readonly VexilServerFactory factory;

    public WriteEndpointFuzzTests(VexilServerFactory factory) => this.factory = factory;

    [Fact]
    public async Task Random_requests_to_every_write_endpoint_never_produce_a_server_error_or_a_change()
    {
        var client = factory.CreateAdminClient();
        var random = new Random(20261122);
        var failures = new List<string>();
        foreach (var (method, template) in Endpoints)
        {
            for (var round = 0; round < 40; round++)
            {
                var path = template
                    .Replace("{id}", random.Next(3) == 0 ? "-1" : random.Next(0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                    .Replace("{name}", Uri.EscapeDataString(PathSafe(RandomText(random, 1, 3))), StringComparison.Ordinal);
                using var request = new HttpRequestMessage(method, path + RandomQuery(random)) { Content = RandomBody(random) };
                var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                }
            }
        }

        Assert.Empty(failures);
        var audit = await factory.Services.GetRequiredService<IFlagStore>().QueryAuditAsync(new AuditQuery(), TestContext.Current.CancellationToken);
        Assert.Equal(0, audit.Total);
    }

    [Fact]
    public async Task Bodies_over_64_KiB_are_refused_with_413_on_every_write_endpoint()
    {
        var client = factory.CreateAdminClient();
        var huge = "{\"text\":\"" + new string('a', 70 * 1024) + "\"}";
        foreach (var (method, template) in Endpoints)
        {
            var path = template.Replace("{id}", "1", StringComparison.Ordinal).Replace("{name}", "duo_chat_multi_thread", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(
                response.StatusCode == HttpStatusCode.RequestEntityTooLarge,
                $"{method} {path} answered {(int)response.StatusCode} to a 70 KiB body; expected 413.");
        }
    }

    private static string RandomText(Random random, int min, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    // The in-process test client refuses NUL in a path before sending (Kestrel answers 400 to it), so keep it out.
    private static string PathSafe(string text) => text.Replace("\u0000", string.Empty, StringComparison.Ordinal).Replace("%00", string.Empty, StringComparison.Ordinal);

    private static string RandomQuery(Random random)
    {
        if (random.Next(2) == 0)
        {
            return string.Empty;
        }

        var pairs = Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => $"{Uri.EscapeDataString(RandomText(random, 1, 2))}={Uri.EscapeDataString(RandomText(random, 0, 3))}");
        return "?" + string.Join("&", pairs);
    }

    private static HttpContent? RandomBody(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                return null;
            case 1:
                var bytes = new byte[random.Next(0, 512)];
                random.NextBytes(bytes);
                var binary = new ByteArrayContent(bytes);
                binary.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                return binary;
            case 2:
                return new StringContent(RandomJson(random, 0), Encoding.UTF8, "application/json");
            case 3:
                var form = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new KeyValuePair<string, string>(RandomText(random, 1, 2), RandomText(random, 0, 4)));
                return new FormUrlEncodedContent(form);
            case 4:
                return new StringContent(RandomText(random, 0, 20), Encoding.UTF8, "text/plain");
            default:
                return new StringContent("{\"text\":\"" + RandomText(random, 1, 12).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "\",\"context\":{\"targetingKey\":" + RandomJson(random, 2) + "}}", Encoding.UTF8, "application/json");
        }
    }

    private static string RandomJson(Random random, int depth) => (depth > 4 ? random.Next(4) : random.Next(7)) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => (random.NextDouble() * Math.Pow(10, random.Next(-5, 40)) * (random.Next(2) == 0 ? -1 : 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        3 => random.Next(4) == 0
            ? "\"User:" + (random.Next(2) == 0 ? "\\ud800" : "\\udc00") + "\"" // a lone surrogate, high or low, as a JSON escape
            : System.Text.Json.JsonSerializer.Serialize(RandomText(random, 0, 4)),
        4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]",
        5 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => System.Text.Json.JsonSerializer.Serialize(RandomText(random, 1, 2)) + ":" + RandomJson(random, depth + 1))) + "}",
        _ => "{\"text\":" + RandomJson(random, depth + 1) + "}",
    };
}
