using System.Text.Json;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// The real client: python-gitlab drives the built server as a separate process, over HTTP, with its own quirks
/// (<c>//name</c> paths, options in the query string, a strict Content-Type check).
/// </summary>
public sealed class PythonGitLabClientTests
{
    [Fact]
    public async Task Python_gitlab_sets_lists_and_deletes_features()
    {
        var cancel = TestContext.Current.CancellationToken;
        var python = await PythonGitLab.FindInterpreterAsync(cancel);
        if (python is null)
        {
            const string Missing = "python-gitlab is not installed (Debian package python3-gitlab).";
            if (Environment.GetEnvironmentVariable(PythonGitLab.RequireVariable) == "1")
            {
                Assert.Fail(Missing + $" {PythonGitLab.RequireVariable}=1 requires it.");
            }

            Assert.Skip(Missing);
        }

        await using var server = await RealServerProcess.StartAsync(cancellationToken: cancel);
        var (exitCode, output, error) = await PythonGitLab.RunAsync(
            python,
            [PythonGitLab.ClientScript, server.BaseAddress.ToString().TrimEnd('/'), VexilServerFactory.AdminToken],
            cancel);
        Assert.True(exitCode == 0, $"python-gitlab failed ({exitCode}):\n{error}\nServer:\n{server.Output}");

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement;

        var percentage = results.GetProperty("percentage_of_actors");
        Assert.Equal("conditional", percentage.GetProperty("state").GetString());
        Assert.Equal("""[{"key":"boolean","value":false},{"key":"percentage_of_actors","value":25}]""", Compact(percentage.GetProperty("gates")));

        Assert.Equal(
            """[{"key":"boolean","value":false},{"key":"actors","value":["User:alice","User:bob"]},{"key":"percentage_of_actors","value":25}]""",
            Compact(results.GetProperty("users").GetProperty("gates")));
        Assert.Equal(
            """[{"key":"boolean","value":false},{"key":"actors","value":["Project:gitlab-org/gitlab","User:alice","User:bob"]},{"key":"percentage_of_actors","value":25}]""",
            Compact(results.GetProperty("project").GetProperty("gates")));
        Assert.Equal(
            """[{"key":"boolean","value":false},{"key":"groups","value":["gitlab_team_members"]}]""",
            Compact(results.GetProperty("feature_group").GetProperty("gates")));
        Assert.Equal(
            """[{"key":"boolean","value":false},{"key":"percentage_of_time","value":0.5},{"key":"groups","value":["gitlab_team_members"]}]""",
            Compact(results.GetProperty("percentage_of_time").GetProperty("gates")));
        Assert.Equal("on", results.GetProperty("boolean").GetProperty("state").GetString());

        var refused = results.GetProperty("refused");
        Assert.Equal(400, refused.GetProperty("code").GetInt32());
        Assert.Equal("400 Bad request - Cannot enable percentage of actors for a fully-enabled flag. To go back to a partial rollout, disable the flag first (set it to false, which turns it off for everyone), then set the percentage of actors.", refused.GetProperty("message").GetString());

        // A guard rail's refusal reaches python-gitlab as an error it parses (409, application/json), and the override passes.
        var inconsistent = results.GetProperty("inconsistent");
        Assert.Equal(409, inconsistent.GetProperty("code").GetInt32());
        Assert.Equal(Vexil.Server.Commands.CommandMessages.InconsistentStatus, inconsistent.GetProperty("message").GetString());

        Assert.Equal("on", results.GetProperty("forced").GetProperty("state").GetString());
        Assert.Equal(
            ["code_suggestions_context", "duo_chat_multi_thread", "python_forced_flag"],
            results.GetProperty("list").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(["duo_chat_multi_thread"], results.GetProperty("after_delete").EnumerateArray().Select(n => n.GetString()!).ToArray());
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
