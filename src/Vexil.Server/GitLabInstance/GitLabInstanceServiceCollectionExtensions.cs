using Microsoft.Extensions.Options;
using Vexil.Server.GitLabInstance;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the options for talking to the team's GitLab instance (<c>Vexil:GitLab</c>).</summary>
public static class GitLabInstanceServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="GitLabInstanceOptions"/>.</summary>
    public static IServiceCollection AddVexilGitLabInstance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitLabInstanceOptions>().Bind(configuration.GetSection(GitLabInstanceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitLabInstanceOptions>, GitLabInstanceOptionsValidator>();
        return services;
    }
}
