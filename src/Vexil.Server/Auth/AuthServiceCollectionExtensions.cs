using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers tokens: their store, the in-memory authenticator, the first start, and the rate limit.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITokenAuthenticator"/> (the bootstrap token and stored tokens, answered from memory), the
    /// hosted services that issue the first admin token and keep the token cache fresh, and the per-token rate limiter.
    /// Call after <c>AddVexilDatabase</c>, which registers the <see cref="ITokenStore"/>: its hosted services must run
    /// (and migrate) first.
    /// </summary>
    public static IServiceCollection AddVexilAuth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        // One clock for token times, expiry checks and the API; tests replace it.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BootstrapTokenAuthenticator>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<ITokenAuthenticator, TokenAuthenticator>();

        // Order matters: the first admin token is made before the cache loads, so the cache starts with it.
        services.AddHostedService<FirstStartTokenIssuer>();
        services.AddHostedService<TokenCacheMaintenance>();

        services.AddVexilRateLimiting();
        return services;
    }
}
