using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Changes;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Results;
using Vexil.Server.Hosting;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

/// <summary>
/// The server's real services on a fresh SQLite file, with a manual clock and every receiver played by a
/// <see cref="StubReceiver"/>. No host runs, so the background worker does not: tests plan and dispatch by hand,
/// moving the clock between rounds.
/// </summary>
internal sealed class NotificationHarness : IAsyncDisposable
{
    public const string Receivers = "https://receivers.example";

    public static readonly DateTimeOffset Start = new(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private readonly string folder;
    private readonly ServiceProvider services;

    private NotificationHarness(string folder, ServiceProvider services, StubReceiver receiver)
    {
        this.folder = folder;
        this.services = services;
        Receiver = receiver;
    }

    public StubReceiver Receiver { get; }

    public ManualTimeProvider Clock => (ManualTimeProvider)services.GetRequiredService<TimeProvider>();

    public INotificationDeliveryStore Deliveries => services.GetRequiredService<INotificationDeliveryStore>();

    public FlagChangeService Changes => services.GetRequiredService<FlagChangeService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<NotificationHarness> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = TestPaths.NewTempFolder("vexil-notifications");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Vexil"] = $"Data Source={Path.Combine(folder, "vexil.db")}",
            ["Vexil:Definitions:Paths:0"] = TestPaths.ExampleDefinitions,
            ["Vexil:Definitions:Watch"] = "false",
            ["Vexil:Notifications:ProductionChannel:WebhookUrl"] = $"{Receivers}/hooks/production",
            ["Vexil:Notifications:TeamChannels:0:Group"] = "group::duo chat",
            ["Vexil:Notifications:TeamChannels:0:WebhookUrl"] = $"{Receivers}/hooks/duo-chat",
            ["Vexil:Notifications:QaChannel:WebhookUrl"] = $"{Receivers}/hooks/qa",
            ["Vexil:Notifications:EndToEnd:TriggerUrl"] = $"{Receivers}/api/v4/projects/278964/trigger/pipeline",
            ["Vexil:Notifications:EndToEnd:Token"] = "glptt-test-trigger-token",
            ["Vexil:Notifications:Webhooks:0:Name"] = "grafana",
            ["Vexil:Notifications:Webhooks:0:Url"] = $"{Receivers}/hooks/grafana",
            ["Vexil:Notifications:Webhooks:0:Secret"] = "whsec_grafana",
            ["Vexil:ChatOps:ProductionChannel"] = SlackRequests.ProductionChannelId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var receiver = new StubReceiver();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(new ManualTimeProvider(Start));
        collection.AddVexilServer(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        collection.AddHttpClient(DeliveryHttp.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => receiver);
        var provider = collection.BuildServiceProvider();
        await provider.GetRequiredService<IFlagStore>().InitializeAsync(Cancel);
        await provider.GetRequiredService<SnapshotCache>().LoadAllAsync(Cancel);
        return new NotificationHarness(folder, provider, receiver);
    }

    /// <summary>Runs a command as chat would, in a channel.</summary>
    public async Task<CommandResult> ChatAsync(string text, string channel = "production", string user = "lulalala")
    {
        var result = await services.GetRequiredService<FeatureCommandExecutor>().ExecuteAsync(
            new CommandRequest(text, ChangeChannels.Chat)
            {
                UserName = user,
                UserId = SlackRequests.UserId(user),
                Channel = channel,
                ChannelId = SlackRequests.ChannelId(channel),
            },
            null,
            Cancel);
        return result.Ok ? result : throw new InvalidOperationException($"`{text}` failed: {result.ToPlainText()}");
    }

    /// <summary>One round of the worker, one delivery at a time: plan what waits in the outbox, then send everything due now (follow-ups too); returns how many were sent.</summary>
    public async Task<int> RunOnceAsync()
    {
        await services.GetRequiredService<NotificationPlanner>().PlanAsync(Cancel);
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        var sent = 0;
        while (await dispatcher.DeliverNextAsync(Cancel))
        {
            sent++;
        }

        return sent;
    }

    /// <summary>Every delivery, oldest first.</summary>
    public async Task<IReadOnlyList<Delivery>> AllDeliveriesAsync() =>
        [.. (await Deliveries.ListAsync(new DeliveryQuery(null, 1, DeliveryQuery.MaxPageSize), Cancel)).Deliveries.Reverse()];

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Receiver.Dispose();
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
