using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Fuzz;

/// <summary>
/// Sends <see cref="HostileInput"/> to every endpoint, reads and writes alike: lone surrogates, bidirectional and
/// zero-width characters, parameters and JSON keys given twice, empty list items, huge numbers and wrong JSON types, in
/// the query string, in JSON bodies and in forms. No answer may be a 5xx; every 4xx must carry a message in its API's
/// shape (<c>message</c>/<c>error</c> for GitLab, <c>errorDetails</c> for OFREP, <c>detail</c> for ProblemDetails);
/// and the server must log no error (an unhandled exception is logged as one).
/// </summary>
public sealed class EveryEndpointFuzzTests(EveryEndpointFuzzTests.FuzzServerFactory factory) : IClassFixture<EveryEndpointFuzzTests.FuzzServerFactory>
{
    private const int RoundsPerEndpoint = 30;

    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Get, "/"),
        (HttpMethod.Get, "/health"),
        (HttpMethod.Get, "/api/v1/environments"),
        (HttpMethod.Get, "/api/v1/flags"),
        (HttpMethod.Get, "/api/v1/flags/{name}"),
        (HttpMethod.Get, "/api/v1/audit"),
        (HttpMethod.Get, "/api/v1/definitions"),
        (HttpMethod.Get, "/api/v1/tokens"),
        (HttpMethod.Post, "/api/v1/tokens"),
        (HttpMethod.Get, "/api/v1/tokens/{id}"),
        (HttpMethod.Delete, "/api/v1/tokens/{id}"),
        (HttpMethod.Post, "/api/v1/commands"),
        (HttpMethod.Get, "/api/v1/incidents"),
        (HttpMethod.Post, "/api/v1/incidents"),
        (HttpMethod.Get, "/api/v1/incidents/{id}"),
        (HttpMethod.Post, "/api/v1/incidents/{id}/close"),
        (HttpMethod.Get, "/api/v1/change-locks"),
        (HttpMethod.Post, "/api/v1/change-locks"),
        (HttpMethod.Delete, "/api/v1/change-locks/{id}"),
        (HttpMethod.Get, "/api/v1/deployments"),
        (HttpMethod.Post, "/api/v1/deployments"),
        (HttpMethod.Get, "/api/v1/notifications/deliveries"),
        (HttpMethod.Get, "/api/v1/notifications/deliveries/{id}"),
        (HttpMethod.Post, "/api/v1/notifications/deliveries/{id}/retry"),
        (HttpMethod.Get, "/api/v4/features"),
        (HttpMethod.Get, "/api/v4/features/definitions"),
        (HttpMethod.Post, "/api/v4/features/{name}"),
        (HttpMethod.Delete, "/api/v4/features/{name}"),
        (HttpMethod.Post, "/ofrep/v1/evaluate/flags/{name}"),
        (HttpMethod.Post, "/ofrep/v1/evaluate/flags"),
        (HttpMethod.Get, "/ofrep/v1/events"),
        (HttpMethod.Post, "/chatops/slack"),
        (HttpMethod.Post, "/chatops/mattermost"),
    ];

    private static readonly string[] Names = ["duo_chat_multi_thread", "fuzz_flag", "Bad Name", "a", "x%E2%80%AEy", "x%ED%A0%80"];

    private static readonly string[] Ids = ["1", "0", "-1", "99999999999", "12345678901234567890", "abc"];

    [Theory]
    [InlineData(11)]
    [InlineData(20261204)]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_with_a_message_and_never_an_error(int seed)
    {
        var cancel = TestContext.Current.CancellationToken;
        var input = new HostileInput(seed);
        var failures = new List<string>();
        var refusedBy = new HashSet<string>(StringComparer.Ordinal);
        using var client = factory.CreateClient();
        foreach (var (method, template) in Endpoints)
        {
            for (var round = 0; round < RoundsPerEndpoint; round++)
            {
                var path = template
                    .Replace("{name}", input.Pick(Names), StringComparison.Ordinal)
                    .Replace("{id}", input.Pick(Ids), StringComparison.Ordinal);
                using var request = new HttpRequestMessage(method, path + (input.Next(3) == 0 ? string.Empty : input.Query()));
                if (input.Next(8) != 0)
                {
                    request.Headers.Add("PRIVATE-TOKEN", VexilServerFactory.AdminToken);
                }

                if (input.Next(6) == 0)
                {
                    request.Headers.TryAddWithoutValidation("X-Vexil-Environment", input.Pick(["staging", "moon", "gprd", ""]));
                }

                request.Content = Body(input, template);
                var description = $"seed {seed}: {method} {request.RequestUri}";

                // The event stream stays open once accepted: only its status and headers are read.
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    failures.Add($"{description} answered {status}: {await response.Content.ReadAsStringAsync(cancel)}");
                }
                else if (status >= 400)
                {
                    refusedBy.Add(template);
                    var body = await response.Content.ReadAsStringAsync(cancel);
                    if (Message(body) is not { } message)
                    {
                        failures.Add($"{description} answered {status} without a message: '{body}'");
                    }
                    else if (message.Contains('\uFFFD', StringComparison.Ordinal))
                    {
                        // A hostile character quoted back (or a broken one in our own text) turns into U+FFFD on the wire.
                        failures.Add($"{description} answered {status} with a message that carries a broken character: '{message}'");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        var neverRefused = Endpoints.Select(e => e.Path).Except(refusedBy).ToArray();
        Assert.True(neverRefused.Length == 0, "Never reached with a refusal: " + string.Join(", ", neverRefused));
        var errors = factory.Logs.Entries
            .Where(entry => entry.Level >= LogLevel.Error || entry.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Take(5).Select(e => $"{e.Category} {e.Level}: {e.Message}")));
    }

    private static HttpContent? Body(HostileInput input, string template)
    {
        switch (input.Next(5))
        {
            case 0:
                return null;
            case 1:
                var form = input.Form();
                if (template.StartsWith("/chatops/mattermost", StringComparison.Ordinal) && input.Next(2) == 0)
                {
                    form += "&token=" + FuzzServerFactory.MattermostToken;
                }

                return new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            case 2:
                var wrongType = new StringContent(input.Json(), Encoding.UTF8);
                wrongType.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(input.Pick(["text/plain", "application/xml", "application/json"]));
                return wrongType;
            default:
                var json = new StringContent(input.Json(), Encoding.UTF8);
                json.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                return json;
        }
    }

    // The message of a 4xx in any of the APIs' shapes, or null when there is none.
    private static string? Message(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var property in (string[])["message", "error", "detail", "errorDetails"])
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(property, out var value)
                    && value.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(value.GetString()))
                {
                    return value.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The server with Mattermost turned on (so its form parsing is reached) and every log line kept.</summary>
    public sealed class FuzzServerFactory : VexilServerFactory
    {
        /// <summary>The Mattermost slash command's token.</summary>
        public const string MattermostToken = "fuzz-mattermost-token";

        /// <summary>Creates the factory.</summary>
        public FuzzServerFactory()
            : base(new Dictionary<string, string?>
            {
                ["Vexil:ChatOps:Mattermost:Token"] = MattermostToken,
                ["Vexil:ChatOps:Slack:SigningSecret"] = "fuzz-slack-secret",
            })
        {
        }

        /// <summary>What the server logged.</summary>
        public CapturingLoggerProvider Logs { get; } = new();

        /// <inheritdoc />
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
