using Microsoft.Extensions.Options;
using Vexil.Server.GitLabInstance;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;
using Vexil.Server.Notifications.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the options for talking to the team's GitLab instance (<c>Vexil:GitLab</c>), and its notes and log issues.</summary>
public static class GitLabInstanceServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="GitLabInstanceOptions"/>, and adds the rollout-issue notes and feature-flag log
    /// issues to the notification outbox (a route contributor and the two delivery channels). Call after
    /// <c>AddVexilNotifications</c>, which registers the HTTP client they send with.
    /// </summary>
    public static IServiceCollection AddVexilGitLabInstance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitLabInstanceOptions>().Bind(configuration.GetSection(GitLabInstanceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitLabInstanceOptions>, GitLabInstanceOptionsValidator>();
        services.AddSingleton<IChangeRouteContributor, GitLabChangeRouter>();
        services.AddSingleton<Vexil.Server.Lifecycle.IStaleFlagAnnouncer, GitLabStaleNoteAnnouncer>();
        foreach (var kind in (string[])[DeliveryKinds.GitLabNote, DeliveryKinds.GitLabIssue])
        {
            services.AddSingleton<IDeliveryChannel>(provider => new GitLabDeliveryChannel(
                kind,
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptions<GitLabInstanceOptions>>()));
        }

        return services;
    }
}
