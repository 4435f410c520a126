using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Lifecycle;
using Vexil.Server.Repository;
using Vexil.Server.Rollouts.Checklist;
using Vexil.Server.Tests.Definitions;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>
/// Each fetch of the repository mirror scans the remote's default branch for flag references, through the real server:
/// the counts reach <c>feature cleanup</c>, follow the next fetch, and other branches do not count.
/// </summary>
public sealed class ReferenceScanAfterFetchTests : IDisposable
{
    private readonly TempFolder work = new();
    private readonly TempFolder mirror = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        work.Dispose();
        mirror.Dispose();
    }

    [Fact]
    public async Task A_fetch_scans_the_default_branch_and_the_next_fetch_replaces_the_counts()
    {
        // The default branch is "trunk", not main: the scan must follow the remote's HEAD. A second branch "main" reads the
        // flag in more places, which must not count.
        Git("init", "--quiet", "--initial-branch=trunk");
        work.Write("app/chat.rb", "Feature.enabled?(:duo_chat_multi_thread)\nFeature.enabled?(:duo_chat_multi_thread)\n");
        work.Write("config/feature_flags/beta/duo_chat_multi_thread.yml", "name: duo_chat_multi_thread\n");
        Commit("reads the flag twice");
        Git("checkout", "--quiet", "-b", "main");
        work.Write("app/more.rb", "Feature.enabled?(:duo_chat_multi_thread)\nFeature.enabled?(:duo_chat_multi_thread)\nFeature.enabled?(:duo_chat_multi_thread)\n");
        Commit("reads it three more times");
        Git("checkout", "--quiet", "trunk");

        using var factory = VexilServerFactory.With(new Dictionary<string, string?>
        {
            ["Vexil:Repository:Url"] = work.Root,
            ["Vexil:Repository:Path"] = Path.Combine(mirror.Root, "mirror.git"),
            ["Vexil:Repository:FetchInterval"] = "01:00:00",
        });
        using var client = factory.CreateAdminClient();
        var counts = factory.Services.GetRequiredService<FlagReferenceCounts>();

        using (var fetched = await client.PostAsync("/api/v1/repository/fetch", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        }

        Assert.Equal("trunk", factory.Services.GetRequiredService<RepositoryMirror>().DefaultBranch);
        Assert.Equal("trunk", counts.Revision);
        Assert.Equal(2, counts.Count("duo_chat_multi_thread"));
        Assert.Contains("Code still reads duo_chat_multi_thread in 2 places (scan of trunk at ", await CommandAsync(client, "feature cleanup duo_chat_multi_thread"), StringComparison.Ordinal);
        var checklist = factory.Services.GetRequiredService<FlagChecklist>();
        var item = (await checklist.BuildAsync("duo_chat_multi_thread", Cancel))["code_removed"];
        Assert.Equal(ChecklistItem.NotDone, item.State);
        Assert.StartsWith("Code still reads it in 2 places (scan of trunk at ", item.Evidence, StringComparison.Ordinal);

        // The code is removed on the default branch; the next fetch's scan says so.
        Git("rm", "--quiet", "app/chat.rb");
        Commit("stop reading the flag");
        using (var fetched = await client.PostAsync("/api/v1/repository/fetch", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        }

        Assert.Equal(0, counts.Count("duo_chat_multi_thread"));
        Assert.DoesNotContain("Code still reads", await CommandAsync(client, "feature cleanup duo_chat_multi_thread"), StringComparison.Ordinal);
        Assert.Equal(ChecklistItem.Done, (await checklist.BuildAsync("duo_chat_multi_thread", Cancel))["code_removed"].State);
    }

    private static async Task<string> CommandAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/commands", new { text }, Cancel);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("text").GetString()!;
    }

    private void Commit(string message)
    {
        Git("add", "-A");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message);
    }

    private void Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = work.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }
}
