using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Xunit;

namespace Vexil.Cli.Tests;

/// <summary><c>vexil definitions check</c>: the server's definition rules and messages, offline, with a CI exit code.</summary>
public sealed class DefinitionsCheckTests : IDisposable
{
    private readonly CliSandbox sandbox = new();
    private readonly string folder = TestPaths.NewTempFolder("vexil-definitions");

    public void Dispose()
    {
        sandbox.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_shipped_examples_pass()
    {
        var run = await sandbox.RunAsync(["definitions", "check", TestPaths.ExampleDefinitions]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"2 valid definitions in {TestPaths.ExampleDefinitions}; no problems.\n", run.Out);
    }

    [Fact]
    public async Task An_invalid_file_fails_with_the_servers_message_relative_to_the_folder()
    {
        Write("beta/good_flag.yml", Valid("good_flag"));
        Write("beta/edited_flag.yml", "name: edited_flag\ntype: beta\ngroup: group::duo chat\ndefault_enabled: false\nmilestone: '17.9'\n");
        Write("wip/misplaced_flag.yml", Valid("misplaced_flag"));

        var run = await sandbox.RunAsync(["definitions", "check", folder]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "Invalid definition for `beta/edited_flag.yml`: Feature flag 'edited_flag' is missing `introduced_by_url`. Add the URL of the merge request that introduced the flag.\n"
            + "Invalid definition for `wip/misplaced_flag.yml`: Feature flag 'misplaced_flag' has an invalid path: 'wip/misplaced_flag.yml'. A 'beta' flag belongs in a folder named 'beta': move it to 'beta/misplaced_flag.yml', or correct `type`.\n",
            run.Out);
        Assert.Equal($"2 problems found; 1 valid definition in {folder}. Fix the files above; the server would skip them.\n", run.Error);
    }

    [Fact]
    public async Task A_gitlab_repository_root_is_checked_under_config_feature_flags_and_json_lists_everything()
    {
        Write("config/feature_flags/beta/good_flag.yml", Valid("good_flag"));
        Write("config/feature_flags/beta/bad_flag.yml", "name: bad_flag\n");

        var run = await sandbox.RunAsync(["definitions", "check", folder, "--json"]);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("config/feature_flags/beta/good_flag.yml", json.RootElement.GetProperty("definitions")[0].GetProperty("path").GetString());
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal("config/feature_flags/beta/bad_flag.yml", error.GetProperty("path").GetString());
        Assert.StartsWith("Invalid definition for `config/feature_flags/beta/bad_flag.yml`: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_fails()
    {
        var missing = Path.Combine(folder, "nowhere");

        var run = await sandbox.RunAsync(["definitions", "check", missing]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"Definitions folder '{missing}' does not exist.", run.Out, StringComparison.Ordinal);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static string Valid(string name) =>
        $"""
        ---
        name: {name}
        feature_issue_url: https://gitlab.com/groups/gitlab-org/-/epics/16108
        introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977
        rollout_issue_url: https://gitlab.com/gitlab-org/gitlab/-/issues/511234
        milestone: '17.9'
        type: beta
        group: group::duo chat
        default_enabled: false

        """;
}
