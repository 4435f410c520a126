using System.Text.Json;
using Vexil.Cli.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Cli.Tests.EndToEnd;

/// <summary>
/// The whole rollout at once (<c>feature get NAME --all</c>, <c>flags</c>) and who sees it (<c>check</c>), against the
/// real server process.
/// </summary>
public sealed class RolloutViewTests : RealServerCliTests
{
    private const string Flag = "duo_chat_multi_thread";

    [Fact]
    public async Task Feature_get_all_flags_and_check_show_the_rollout()
    {
        AssertExit(0, await VexilAsync($"feature set {Flag} 50 --actors --dev --pre"));
        AssertExit(0, await VexilAsync($"feature set {Flag} true --staging"));
        AssertExit(0, await VexilAsync($"feature set --user=lulalala {Flag} true"));

        var all = await VexilAsync($"feature get {Flag} --all");
        AssertExit(0, all);
        var lines = all.Out.Split('\n');
        Assert.Equal(Flag, lines[0]);
        Assert.Contains(lines, line => Cells(line) is ["dev", "conditional", "50% of actors"]);
        Assert.Contains(lines, line => Cells(line) is ["staging", "on", "on"]);
        Assert.Contains(lines, line => Cells(line) is ["staging-ref", "off (default)", "default off"]);
        Assert.Contains(lines, line => Cells(line) is ["production", "conditional", "User:lulalala"]);
        Assert.Contains("Rollout issue: https://gitlab.com/gitlab-org/gitlab/-/issues/511234", all.Out, StringComparison.Ordinal);

        var withEnvironment = await VexilAsync($"feature get {Flag} --all --staging");
        AssertExit(2, withEnvironment);
        Assert.Equal("`feature get NAME --all` shows every environment: give only the flag name, without environment options.\n", withEnvironment.Error);

        var matrix = await VexilAsync("flags");
        AssertExit(0, matrix);
        var header = matrix.Out.Split('\n').Select(Cells).First(cells => cells.Length > 0);
        Assert.Equal(["Flag", "dev", "pre", "staging-canary", "staging", "staging-ref", "ops", "production-canary", "production"], header);
        Assert.Contains(matrix.Out.Split('\n'), line => Cells(line) is [Flag, "50% of actors", "50% of actors", "on", "default off", "default off", "User:lulalala"]);
        Assert.Contains(matrix.Out.Split('\n'), line => Cells(line) is ["code_suggestions_context", ..]);

        var listed = await VexilAsync($"check {Flag} --actor User:lulalala --env production");
        AssertExit(0, listed);
        Assert.Contains(listed.Out.Split('\n'), line => Cells(line) is ["production", "yes", "actors", "User:lulalala is listed in the actors gate."]);

        var other = await VexilAsync($"check {Flag} --actor User:someone-else --env gprd");
        Assert.Contains(other.Out.Split('\n'), line => Cells(line) is ["production", "no", "-", "No gate opens for User:someone-else."]);

        var json = await VexilAsync($"check {Flag} --actor User:lulalala --json");
        AssertExit(0, json);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(6, document.RootElement.GetProperty("environments").GetArrayLength());

        var untyped = await VexilAsync($"check {Flag} --actor lulalala");
        AssertExit(2, untyped);
        Assert.Contains("Actor 'lulalala' has no type: write it as a flipper id, e.g. User:lulalala.", untyped.Error, StringComparison.Ordinal);
    }

    // The cells of a table row ("│ a │ b │"), trimmed; empty for borders and text lines.
    private static string[] Cells(string line) =>
        line.StartsWith('│')
            ? line.Trim().Trim('│').Split('│').Select(cell => cell.Trim()).ToArray()
            : [];

    private Task<CliRun> VexilAsync(string commandLine) =>
        Sandbox.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
