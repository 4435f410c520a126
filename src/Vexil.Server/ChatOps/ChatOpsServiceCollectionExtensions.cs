using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.ChatOps;
using Vexil.Server.ChatOps.Mattermost;
using Vexil.Server.ChatOps.Slack;

// The ASP.NET Core convention for Add/Map extensions: composing the server needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Slack and Mattermost slash command endpoints.</summary>
public static class ChatOpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>/chatops/slack</c> and <c>/chatops/mattermost</c> need. Reads <c>Vexil:ChatOps</c>; an invalid
    /// <c>AcknowledgeAfter</c> stops start-up. Call after <c>AddVexilDatabase</c> (which registers the seen-request store) and <c>AddVexilCommands</c>.
    /// </summary>
    public static IServiceCollection AddVexilChatOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<SlackOptions>().Bind(configuration.GetSection(SlackOptions.Section));
        services.AddOptions<MattermostOptions>().Bind(configuration.GetSection(MattermostOptions.Section));
        services.AddOptions<ChatEndpointOptions>()
            .Bind(configuration.GetSection(ChatEndpointOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatEndpointOptions>, ChatEndpointOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // response_url comes inside the request: never follow a redirect away from it.
        services.AddHttpClient(ResponseUrlSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<ResponseUrlSender>();
        services.AddSingleton<ChatFollowUps>();
        services.AddHostedService(provider => provider.GetRequiredService<ChatFollowUps>());
        services.AddSingleton<ChatCommandRunner>();
        services.AddSingleton<SlashCommandHandler>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<MattermostReplies>();
        return services;
    }

    /// <summary>Maps <c>POST /chatops/slack</c> and <c>POST /chatops/mattermost</c>.</summary>
    public static IEndpointRouteBuilder MapVexilChatOps(this IEndpointRouteBuilder app)
    {
        app.MapSlackEndpoint();
        app.MapMattermostEndpoint();
        return app;
    }
}
