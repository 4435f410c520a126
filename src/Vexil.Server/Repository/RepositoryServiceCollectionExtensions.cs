using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.GitLabInstance;
using Vexil.Server.Repository;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the repository mirror (<c>Vexil:Repository</c>) and the merge-request lookups.</summary>
public static class RepositoryServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="RepositoryOptions"/>, and registers the mirror, its scheduled fetch and the GitLab merge-request client.</summary>
    public static IServiceCollection AddVexilRepository(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RepositoryOptions>().Bind(configuration.GetSection(RepositoryOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RepositoryOptions>, RepositoryOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(GitLabMergeRequests.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<RepositoryMirror>();
        services.AddSingleton<IMergeRequestLookup, GitLabMergeRequests>();
        services.AddSingleton<MergeRequestLocator>();
        services.AddHostedService<RepositoryFetchService>();
        return services;
    }
}
