using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Changes.HealthSources;
using Vexil.Server.Commands.Results;
using Vexil.Server.Hosting;
using Vexil.Server.Incidents;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// The server's real services (the composition of <c>AddVexil</c>) on a fresh SQLite file and the example
/// definitions, without a web host: each test gets its own database in milliseconds. The clock is manual and the
/// external production check, when configured, answers through a stub handler.
/// </summary>
internal sealed class CommandHarness : IAsyncDisposable
{
    public static readonly TokenPrincipal Admin = new(0, "bootstrap-admin", TokenKind.Admin, []);
    public static readonly TokenPrincipal Writer = new(1, "ci-writer", TokenKind.Write, []);
    public static readonly TokenPrincipal ProductionWriter = new(2, "prod-writer", TokenKind.Write, ["production"]);
    public static readonly TokenPrincipal Reader = new(3, "dashboard-reader", TokenKind.Read, []);

    public static readonly DateTimeOffset Start = new(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly string folder;
    private readonly ServiceProvider services;

    private CommandHarness(string folder, ServiceProvider services)
    {
        this.folder = folder;
        this.services = services;
    }

    public ManualTimeProvider Clock => (ManualTimeProvider)services.GetRequiredService<TimeProvider>();

    public FeatureCommandExecutor Executor => services.GetRequiredService<FeatureCommandExecutor>();

    public IFlagStore Store => services.GetRequiredService<IFlagStore>();

    public IIncidentStore Incidents => services.GetRequiredService<IIncidentStore>();

    public SnapshotCache Snapshots => services.GetRequiredService<SnapshotCache>();

    public IServiceProvider Services => services;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<CommandHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        HttpMessageHandler? externalCheck = null,
        Action<IServiceCollection>? configure = null)
    {
        var folder = TestPaths.NewTempFolder("vexil-commands");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
            ["Vexil:Database:Provider"] = "sqlite",
            ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions,
            ["Vexil:Definitions:Watch"] = "false",
            ["Vexil:FeatureGroups:gitlab_team_members:Actors:0"] = "User:lulalala",
            ["Vexil:FeatureGroups:gitlab_team_members:Actors:1"] = "User:ck3g",
            ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ProductionChannelId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(new ManualTimeProvider(Start));
        collection.AddVexilServer(configuration);
        if (externalCheck is not null)
        {
            collection.AddHttpClient(ExternalHealthSource.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => externalCheck);
        }

        configure?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<IFlagStore>().InitializeAsync(Cancel);
        await provider.GetRequiredService<SnapshotCache>().LoadAllAsync(Cancel);
        return new CommandHarness(folder, provider);
    }

    /// <summary>Runs a command as the CLI would, with an admin token unless told otherwise.</summary>
    public Task<CommandResult> CliAsync(string text, TokenPrincipal? token = null, CommandProgress? progress = null) =>
        Executor.ExecuteAsync(
            new CommandRequest(text, ChangeChannels.Cli) { Principal = token ?? Admin, ClientAddress = "10.0.0.7", RequestId = "req-cli" },
            progress,
            Cancel);

    /// <summary>
    /// Runs a command as chat would: a person in a channel, no token; their ids are made from the names as
    /// <see cref="SlackRequests"/> makes them (the channel <c>production</c> is <see cref="SlackRequests.ProductionChannelId"/>).
    /// </summary>
    /// <remarks><paramref name="channelId"/> and <paramref name="userId"/> override the made-up ids (a renamed channel or person).</remarks>
    public Task<CommandResult> ChatAsync(
        string text,
        string channel = "production",
        string user = "lulalala",
        CommandProgress? progress = null,
        string? channelId = null,
        string? userId = null) =>
        Executor.ExecuteAsync(
            new CommandRequest(text, ChangeChannels.Chat)
            {
                UserName = user,
                UserId = userId ?? SlackRequests.UserId(user),
                Channel = channel,
                ChannelId = channelId ?? SlackRequests.ChannelId(channel),
                RequestId = "req-chat",
            },
            progress,
            Cancel);

    /// <summary>Runs a command that must succeed, and returns its result.</summary>
    public async Task<CommandResult> MustAsync(string text)
    {
        var result = await CliAsync(text);
        if (!result.Ok)
        {
            throw new InvalidOperationException($"`{text}` failed: {result.ToPlainText()}");
        }

        return result;
    }

    /// <summary>Writes a state directly through the change service, as setup.</summary>
    public async Task SetUpAsync(string environment, string flag, params GateOperation[] operations)
    {
        var result = await services.GetRequiredService<FlagChangeService>()
            .ApplyAsync(ChangeRequest.Update(environment, flag, new ChangeOrigin("setup", ChangeChannels.Api), operations), Cancel);
        if (!result.Accepted)
        {
            throw new InvalidOperationException(result.Refusal);
        }
    }

    /// <summary>The stored state of a flag in an environment, from the snapshot.</summary>
    public FlagState? State(string environment, string flag) => Snapshots.Get(environment).GetState(flag);

    /// <summary>Every audit event, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AuditAsync()
    {
        var page = await Store.QueryAuditAsync(new AuditQuery(PageSize: AuditQuery.MaxPageSize), Cancel);
        return page.Events.Reverse().ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
