using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Commands.Results;
using Vexil.Server.Deployments;
using Vexil.Server.GitLabInstance;
using Vexil.Server.Repository;
using Vexil.Server.Tests.Commands;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Repository;

/// <summary>The command harness with <c>Vexil:Repository</c> pointing at a test repository, fetched once, and helpers to record deployments.</summary>
internal sealed class ReleaseHarness : IAsyncDisposable
{
    private ReleaseHarness(CommandHarness commands, TestGitRepository repository)
    {
        Commands = commands;
        Repository = repository;
    }

    public CommandHarness Commands { get; }

    public TestGitRepository Repository { get; }

    public RepositoryMirror Mirror => Commands.Services.GetRequiredService<RepositoryMirror>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ReleaseHarness> StartAsync(TestGitRepository repository, bool fetch = true, IDictionary<string, string?>? settings = null, HttpMessageHandler? gitLab = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Vexil:Repository:Url"] = repository.Path,
            ["Vexil:Repository:Path"] = Path.Combine(TestPaths.NewTempFolder("vexil-mirror"), "mirror.git"),
            ["Vexil:Repository:Name"] = "gitlab-org/gitlab",
            ["Vexil:Repository:WebUrl"] = "https://gitlab.example.com/gitlab-org/gitlab",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var commands = await CommandHarness.StartAsync(values, configure: gitLab is null
            ? null
            : services => services.AddHttpClient(GitLabMergeRequests.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => gitLab));
        var harness = new ReleaseHarness(commands, repository);
        if (fetch)
        {
            await harness.Mirror.FetchAsync(Cancel);
        }

        return harness;
    }

    /// <summary>Records a successful deployment of <paramref name="sha"/> to an environment.</summary>
    public Task<Deployment> DeployAsync(string environment, string sha, string reference, int minutesAfterStart = 0, DeploymentStatus status = DeploymentStatus.Success) =>
        Commands.Services.GetRequiredService<IDeploymentStore>().RecordAsync(
            new Deployment(0, environment, sha, reference, status, CommandHarness.Start.AddMinutes(minutesAfterStart), null, "ci"),
            Cancel);

    public Task<CommandResult> RunAsync(string text) => Commands.CliAsync(text);

    public Task<CommandResult> ChatAsync(string text) => Commands.ChatAsync(text, channel: "development");

    public ValueTask DisposeAsync() => Commands.DisposeAsync();
}
