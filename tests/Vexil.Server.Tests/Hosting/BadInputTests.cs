using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>
/// Bad input to the <c>/api/v1</c> APIs: every binding failure, repeated query parameter and repeated JSON key is a
/// 400 ProblemDetails whose detail says what was wrong and what to send, never a bare "Bad Request", and nothing is
/// logged as an unhandled exception.
/// </summary>
public sealed class BadInputTests(BadInputTests.LoggingServerFactory factory) : IClassFixture<BadInputTests.LoggingServerFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/audit?from=notadate", "'notadate' is not a valid from: send a date and time in ISO 8601, e.g. 2026-01-31T12:00:00Z.")]
    [InlineData("/api/v1/audit?to=2026-13-45", "'2026-13-45' is not a valid to: send a date and time in ISO 8601, e.g. 2026-01-31T12:00:00Z.")]
    [InlineData("/api/v1/audit?page=99999999999", "'99999999999' is not a valid page: send a whole number no larger than 2147483647.")]
    [InlineData("/api/v1/audit?pageSize=ten", "'ten' is not a valid pageSize: send a whole number no larger than 2147483647.")]
    [InlineData("/api/v1/notifications/deliveries?page=1e3", "'1e3' is not a valid page: send a whole number no larger than 2147483647.")]
    public async Task A_query_value_that_does_not_bind_says_which_and_what_to_send(string path, string detail)
    {
        var problem = await ProblemAsync(await factory.CreateAdminClient().GetAsync(path, Cancel));

        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        Assert.Equal("Invalid parameter", problem.GetProperty("title").GetString());
        AssertNothingUnhandledLogged();
    }

    [Theory]
    [InlineData("/api/v1/tokens", "{\"name\": ", "LineNumber")]
    [InlineData("/api/v1/tokens", "{\"name\": \"ci\", \"kind\": \"read\", \"environments\": \"staging\"}", "$.environments")]
    [InlineData("/api/v1/tokens", "{\"name\": \"ci\", \"kind\": \"read\", \"expiresAt\": \"soon\"}", "$.expiresAt")]
    [InlineData("/api/v1/tokens", "{\"name\": \"a\", \"name\": \"b\", \"kind\": \"read\"}", "name")]
    [InlineData("/api/v1/commands", "{\"text\": 5}", "$.text")]
    [InlineData("/api/v1/commands", "{\"text\": [\"feature\"]}", "$.text")]
    [InlineData("/api/v1/commands", "{\"text\": \"feature get a\", \"text\": \"feature set a true\"}", "text")]
    [InlineData("/api/v1/commands", "{\"text\": \"feature get \\ud800\"}", "$.text")]
    [InlineData("/api/v1/incidents", "{\"title\": \"outage\", \"severity\": 99999999999}", "$.severity")]
    [InlineData("/api/v1/incidents", "{\"title\": \"a\", \"title\": \"b\", \"severity\": 1}", "title")]
    [InlineData("/api/v1/change-locks", "{\"reason\": \"r\", \"reason\": \"s\", \"startsAt\": \"2030-01-01T00:00:00Z\"}", "reason")]
    [InlineData("/api/v1/change-locks", "{\"reason\": \"r\", \"environments\": [1]}", "$.environments")]
    public async Task A_body_that_is_not_the_json_an_endpoint_takes_says_what_is_wrong(string path, string json, string mentions)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await factory.CreateAdminClient().PostAsync(path, content, Cancel));

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.StartsWith("The request body is not the JSON this endpoint takes: ", detail, StringComparison.Ordinal);
        Assert.Contains(mentions, detail, StringComparison.Ordinal);
        Assert.EndsWith("Send a JSON object with the fields described in /openapi/v1.json.", detail, StringComparison.Ordinal);
        AssertNothingUnhandledLogged();
    }

    [Theory]
    [InlineData("/api/v1/audit?environment=staging&environment=production", "environment", 2)]
    [InlineData("/api/v1/audit?page=1&page=2&page=3", "page", 3)]
    [InlineData("/api/v1/flags?match=a&match=b", "match", 2)]
    [InlineData("/api/v1/incidents?status=open&status=all", "status", 2)]
    public async Task A_query_parameter_given_twice_is_refused_instead_of_joined_or_guessed(string path, string name, int times)
    {
        var problem = await ProblemAsync(await factory.CreateAdminClient().GetAsync(path, Cancel));

        Assert.Equal($"The query parameter '{name}' is given {times} times; give it once.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x200D)]
    [InlineData(0xFEFF)]
    public async Task Token_names_refuse_disguising_characters(int codeUnit)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync(TokenApi.Path, new { name = $"ci-{(char)codeUnit}deploy", kind = "read" }, Cancel);

        var problem = await ProblemAsync(response);
        var message = problem.GetProperty("errors").GetProperty("name")[0].GetString()!;
        Assert.StartsWith("The name 'ci-?deploy' contains an invisible", message, StringComparison.Ordinal);
        Assert.Contains($"(U+{codeUnit:X4})", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"ci-\\ud800\", \"kind\": \"read\"}")]
    [InlineData("{\"name\": \"\\udc00\", \"kind\": \"read\"}")]
    public async Task Token_names_with_a_lone_surrogate_are_refused(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await factory.CreateAdminClient().PostAsync(TokenApi.Path, content, Cancel));

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("$.name", detail, StringComparison.Ordinal);
        Assert.Contains("surrogate", detail, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(detail);
        AssertNothingUnhandledLogged();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), text);
        return problem;
    }

    private void AssertNothingUnhandledLogged()
    {
        var errors = factory.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error || entry.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Category} {e.Level}: {e.Message}")));
    }

    /// <summary>The server with every log line kept.</summary>
    public sealed class LoggingServerFactory : VexilServerFactory
    {
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
