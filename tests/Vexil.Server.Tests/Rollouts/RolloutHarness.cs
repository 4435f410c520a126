using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Results;
using Vexil.Server.Incidents;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Checks;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// The server's real services (<c>AddVexil</c>) on a fresh SQLite file with the example definitions, a
/// <see cref="FakeTimeProvider"/> so 15-minute waits take no time, Prometheus answered by <see cref="StubPrometheus"/>
/// (or a real one when <c>prometheusUrl</c> is given), and leadership decided by the test.
/// </summary>
internal sealed class RolloutHarness : IAsyncDisposable
{
    public const string Flag = "duo_chat_multi_thread";
    public const string ErrorQuery = "sum(rate(http_requests_total{code=~\"5..\"}[5m])) / sum(rate(http_requests_total[5m]))";
    public const string LatencyQuery = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))";

    public static readonly TokenPrincipal Admin = new(0, "bootstrap-admin", TokenKind.Admin, []);
    public static readonly DateTimeOffset Start = new(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly string folder;
    private readonly ServiceProvider services;

    private RolloutHarness(string folder, ServiceProvider services, StubPrometheus prometheus, TestLeadership leadership)
    {
        this.folder = folder;
        this.services = services;
        Prometheus = prometheus;
        Leadership = leadership;
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)services.GetRequiredService<TimeProvider>();

    public StubPrometheus Prometheus { get; }

    public TestLeadership Leadership { get; }

    public RolloutEngine Engine => services.GetRequiredService<RolloutEngine>();

    public IRolloutStore Plans => services.GetRequiredService<IRolloutStore>();

    public IFlagStore Store => services.GetRequiredService<IFlagStore>();

    public IIncidentStore Incidents => services.GetRequiredService<IIncidentStore>();

    public IServiceProvider Services => services;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts the services. By default two checks are configured: <c>error_rate</c> (at most 0.01) and <c>latency</c>
    /// (at most 20% above its baseline, unevaluable for at most 3 minutes); the production and team channels have webhooks.
    /// </summary>
    public static async Task<RolloutHarness> StartAsync(IDictionary<string, string?>? settings = null, string? prometheusUrl = null)
    {
        var folder = TestPaths.NewTempFolder("vexil-rollouts");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
            ["Vexil:Database:Provider"] = "sqlite",
            ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions,
            ["Vexil:Definitions:Watch"] = "false",
            ["Vexil:FeatureGroups:gitlab_team_members:Actors:0"] = "User:lulalala",
            ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ProductionChannelId,
            ["Vexil:Notifications:ProductionChannel:WebhookUrl"] = "https://hooks.slack.test/production",
            ["Vexil:Notifications:TeamChannels:0:Group"] = "group::duo chat",
            ["Vexil:Notifications:TeamChannels:0:WebhookUrl"] = "https://hooks.slack.test/duo-chat",
            ["Vexil:Metrics:PrometheusUrl"] = prometheusUrl ?? "http://prometheus.test:9090",
            ["Vexil:Rollouts:Checks:error_rate:Query"] = ErrorQuery,
            ["Vexil:Rollouts:Checks:error_rate:Max"] = "0.01",
            ["Vexil:Rollouts:Checks:latency:Query"] = LatencyQuery,
            ["Vexil:Rollouts:Checks:latency:MaxIncrease"] = "0.2",
            ["Vexil:Rollouts:Checks:latency:Grace"] = "3m",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
        var leadership = new TestLeadership();
        collection.AddSingleton<IRolloutLeadership>(leadership);
        collection.AddVexilServer(configuration);
        var prometheus = new StubPrometheus();
        if (prometheusUrl is null)
        {
            collection.AddHttpClient(PrometheusQueries.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => prometheus);
        }

        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<IFlagStore>().InitializeAsync(Cancel);
        await provider.GetRequiredService<SnapshotCache>().LoadAllAsync(Cancel);
        var harness = new RolloutHarness(folder, provider, prometheus, leadership);
        prometheus.Value(ErrorQuery, 0.001);
        prometheus.Value(LatencyQuery, 0.5);
        return harness;
    }

    /// <summary>Runs a command as the CLI would, with an admin token.</summary>
    public Task<CommandResult> CliAsync(string text) =>
        services.GetRequiredService<FeatureCommandExecutor>().ExecuteAsync(
            new CommandRequest(text, ChangeChannels.Cli) { Principal = Admin, ClientAddress = "10.0.0.7", RequestId = "req-cli" },
            null,
            Cancel);

    /// <summary>Runs a command that must succeed.</summary>
    public async Task<CommandResult> MustAsync(string text)
    {
        var result = await CliAsync(text);
        Assert.True(result.Ok, $"`{text}` failed: {result.ToPlainText()}");
        return result;
    }

    /// <summary>The non-production rollout the seeds do first (the consistency check wants staging on before production).</summary>
    public Task EnableOnNonProductionAsync() => MustAsync($"feature set {Flag} true --dev --pre --staging --staging-ref");

    /// <summary>Moves the clock and runs one round of the engine.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.RunDueAsync(Cancel);
    }

    public FlagState? State(string environment = "production") => services.GetRequiredService<SnapshotCache>().Get(environment).GetState(Flag);

    /// <summary>The production percentage of actors now, or 100 when enabled globally.</summary>
    public double Percent() => State() is { } state ? state.Boolean ? 100 : state.PercentageOfActors.Value : 0;

    public async Task<RolloutPlan> PlanAsync() =>
        (await Plans.ListAsync(activeOnly: false, 1, Cancel))[0];

    /// <summary>Every audit event of the flag on production made by a rollout plan, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> RolloutEventsAsync()
    {
        var page = await Store.QueryAuditAsync(new AuditQuery(Flag: Flag, Environment: "production", PageSize: AuditQuery.MaxPageSize), Cancel);
        return [.. page.Events.Where(change => change.Via == ChangeChannels.Rollout).Reverse()];
    }

    /// <summary>Plans the announcements waiting in the outbox and returns every delivery.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync()
    {
        await services.GetRequiredService<NotificationPlanner>().PlanAsync(Cancel);
        var page = await services.GetRequiredService<INotificationDeliveryStore>().ListAsync(new DeliveryQuery(PageSize: DeliveryQuery.MaxPageSize), Cancel);
        return page.Deliveries;
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

    /// <summary>Leadership the test turns on and off.</summary>
    internal sealed class TestLeadership : IRolloutLeadership
    {
        public bool IsLeader { get; set; } = true;
    }
}
