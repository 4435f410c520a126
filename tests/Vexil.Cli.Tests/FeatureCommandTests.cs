using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary>
/// <c>vexil feature ...</c> against a fake server: the text and headers sent, how the answer is printed, and exit codes.
/// </summary>
public sealed class FeatureCommandTests : IAsyncLifetime
{
    private readonly CliSandbox sandbox = new();
    private FakeVexilServer server = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        server = await FakeVexilServer.StartAsync(TestContext.Current.CancellationToken);
        sandbox.UseServer(server.BaseAddress);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        sandbox.Dispose();
    }

    [Fact]
    public async Task Set_sends_the_words_as_typed_with_the_token_and_client_headers()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "Set duo_chat_multi_thread to 50% of actors on staging."));

        var run = await sandbox.RunAsync(["feature", "set", "duo_chat_multi_thread", "50", "--actors", "--staging"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Set duo_chat_multi_thread to 50% of actors on staging.\n", run.Out);
        Assert.Equal("", run.Error);
        var request = server.SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("Bearer " + CliSandbox.Token, request.Header("Authorization"));
        Assert.Equal("cli", request.Header("X-Vexil-Client"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("feature set duo_chat_multi_thread 50 --actors --staging", Text(request));
    }

    [Fact]
    public async Task Words_with_spaces_are_quoted_and_option_order_is_kept()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "ok"));

        var run = await sandbox.RunAsync(["feature", "set", "--user=a,b", "x y", "true"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("feature set --user=a,b \"x y\" true", Text(server.SingleRequest()));
    }

    [Theory]
    [InlineData("get", new[] { "duo_chat_multi_thread", "--staging" }, "feature get duo_chat_multi_thread --staging")]
    [InlineData("list", new[] { "--match=duo" }, "feature list --match=duo")]
    [InlineData("list", new string[0], "feature list")]
    [InlineData("delete", new[] { "duo_chat_multi_thread", "--dev", "--pre", "--staging", "--staging-ref", "--production" }, "feature delete duo_chat_multi_thread --dev --pre --staging --staging-ref --production")]
    [InlineData("set", new[] { "--project=gitlab-org/gitlab,gitlab-org/gitlab-foss", "duo_chat_multi_thread", "true" }, "feature set --project=gitlab-org/gitlab,gitlab-org/gitlab-foss duo_chat_multi_thread true")]
    [InlineData("set", new[] { "x", "true", "--", "--staging" }, "feature set x true --staging")]
    [InlineData("set", new[] { "x", "@file", "-1" }, "feature set x @file -1")]
    public async Task Every_subcommand_passes_its_words_through(string subcommand, string[] words, string expected)
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "ok"));

        var run = await sandbox.RunAsync(["feature", subcommand, .. words]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, Text(server.SingleRequest()));
    }

    [Fact]
    public async Task The_json_option_is_the_clis_and_is_not_sent_to_the_server()
    {
        var body = """{"ok":true,"exitCode":0,"text":"ok","markdown":"ok","environments":[{"name":"staging","changed":true}]}""";
        server.On("POST", "/api/v1/commands", new FakeResponse(200, body));

        var run = await sandbox.RunAsync(["feature", "set", "x", "true", "--json", "--staging"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(body + "\n", run.Out);
        Assert.Equal("feature set x true --staging", Text(server.SingleRequest()));
    }

    [Fact]
    public async Task The_json_option_also_works_before_the_command()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(true, 0, "ok"));

        var run = await sandbox.RunAsync(["--json", "feature", "get", "x"]);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("feature get x", Text(server.SingleRequest()));
    }

    [Fact]
    public async Task A_refusal_prints_the_servers_text_on_standard_error_and_exits_1()
    {
        const string refusal = "Unable to proceed due to inconsistent feature flag status.";
        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 1, refusal, status: 409));

        var run = await sandbox.RunAsync(["feature", "set", "duo_chat_multi_thread", "true"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(refusal + "\n", run.Error);
    }

    [Fact]
    public async Task A_refusal_with_json_prints_the_answer_on_standard_output_and_still_exits_1()
    {
        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 1, "refused"));

        var run = await sandbox.RunAsync(["feature", "set", "x", "true", "--json"]);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_usage_error_from_the_server_exits_2()
    {
        const string message = "The value \\\"150\\\" is invalid. Valid values are: `true`, `false`, or an integer from 0 to 100.";
        server.On("POST", "/api/v1/commands", FakeResponse.Command(false, 2, message, status: 400));

        var run = await sandbox.RunAsync(["feature", "set", "x", "150"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("The value \"150\" is invalid.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_an_exit_code_uses_ok()
    {
        server.On("POST", "/api/v1/commands", new FakeResponse(200, """{"ok":false,"text":"no"}"""));

        var run = await sandbox.RunAsync(["feature", "get", "x"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("no\n", run.Error);
    }

    [Fact]
    public async Task An_unknown_feature_subcommand_is_a_usage_error_and_sends_nothing()
    {
        var run = await sandbox.RunAsync(["feature", "enable", "x"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("vexil feature --help", run.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Help_is_shown_instead_of_sending_the_command()
    {
        var run = await sandbox.RunAsync(["feature", "set", "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--actors", run.Out, StringComparison.Ordinal);
        Assert.Contains("--json", run.Out, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static string Text(RecordedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
