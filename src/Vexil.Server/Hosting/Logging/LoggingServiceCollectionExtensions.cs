using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Vexil.Server.Hosting.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the redacting logger factory.</summary>
public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the registered <see cref="ILoggerFactory"/> with one that keeps secrets out of every log line (see
    /// <see cref="LogRedaction"/>). Call after logging is registered (WebApplication.CreateBuilder does that).
    /// </summary>
    public static IServiceCollection AddVexilLogRedaction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(provider))));
        return services;
    }
}
