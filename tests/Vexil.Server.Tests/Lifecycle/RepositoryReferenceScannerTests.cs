using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Lifecycle;
using Vexil.Server.Tests.Commands;
using Vexil.Server.Tests.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Lifecycle;

/// <summary>The server's scan of a bare repository (as the mirror keeps it) at one revision, feeding the clean-up.</summary>
public sealed class RepositoryReferenceScannerTests : IDisposable
{
    private readonly TempFolder work = new();
    private readonly TempFolder bare = new();

    public void Dispose()
    {
        work.Dispose();
        bare.Dispose();
    }

    [Fact]
    public async Task A_bare_repository_is_scanned_at_the_revision_and_the_counts_refuse_the_clean_up()
    {
        Git(work.Root, "init", "--quiet", "--initial-branch=main");
        work.Write("app/chat.rb", "Feature.enabled?(:duo_chat_multi_thread)\nFeature.enabled?(:duo_chat_multi_thread_v2)\n");
        work.Write("app/assets/chat:v1.js", "if (gon.features.duoChatMultiThread) {}\n");
        work.Write("config/feature_flags/beta/duo_chat_multi_thread.yml", "name: duo_chat_multi_thread\n");
        Git(work.Root, "add", "-A");
        Git(work.Root, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "one");
        Git(bare.Root, "clone", "--quiet", "--bare", work.Root, "mirror.git");
        await using var harness = await CommandHarness.StartAsync();
        var scanner = harness.Services.GetRequiredService<RepositoryReferenceScanner>();

        var counts = await scanner.ScanAsync(Path.Combine(bare.Root, "mirror.git"), "main", TestContext.Current.CancellationToken);

        Assert.Equal(2, counts["duo_chat_multi_thread"]);
        Assert.Equal(1, counts["duo_chat_multi_thread_v2"]);
        Assert.Equal(2, harness.Services.GetRequiredService<FlagReferenceCounts>().Count("duo_chat_multi_thread"));
        var refused = await harness.CliAsync("feature cleanup duo_chat_multi_thread");
        Assert.StartsWith("Code still reads duo_chat_multi_thread in 2 places (scan of main at ", refused.Headline, StringComparison.Ordinal);
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
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
