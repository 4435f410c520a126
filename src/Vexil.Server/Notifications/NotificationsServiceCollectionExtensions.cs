using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Changes;
using Vexil.Server.Notifications;
using Vexil.Server.Notifications.Api;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Snapshots;

// The ASP.NET Core convention for Add/Map extensions: composing the server needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers outgoing notifications: the delivery store, the router, the channels and the background worker.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers everything behind <c>Vexil:Notifications</c>. Invalid settings stop start-up with a sentence naming
    /// the key. Call after the storage, environments and definitions are registered.
    /// </summary>
    public static IServiceCollection AddVexilNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(DeliveryHttp.HttpClientName, (provider, client) =>
        {
            client.Timeout = provider.GetRequiredService<IOptions<NotificationOptions>>().Value.Delivery.TimeoutValue;
            client.MaxResponseContentBufferSize = 1024 * 1024;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Vexil-Notifications/1");
        });
        services.AddSingleton<IDeliveryChannel, SlackWebhookChannel>();
        services.AddSingleton<IDeliveryChannel, EndToEndTriggerChannel>();
        services.AddSingleton<IDeliveryChannel, JsonWebhookChannel>();

        services.AddSingleton<NotificationRouter>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<DeliveryMetrics>();
        services.AddHostedService(provider => provider.GetRequiredService<DeliveryMetrics>());
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<IChangeObserver>(provider => provider.GetRequiredService<NotificationSignal>());
        services.AddSingleton<IRemoteChangeObserver>(provider => provider.GetRequiredService<NotificationSignal>());
        services.AddHostedService<NotificationWorker>();
        return services;
    }

    /// <summary>Maps <c>/api/v1/notifications/deliveries</c>.</summary>
    public static IEndpointRouteBuilder MapVexilNotifications(this IEndpointRouteBuilder app) => app.MapDeliveriesApi();
}
