using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.FeatureManagement;

namespace Vexil.Client.FeatureManagement;

/// <summary>Makes Microsoft.FeatureManagement answer from Vexil.</summary>
public static class VexilFeatureManagementBuilderExtensions
{
    /// <summary>
    /// After <c>services.AddFeatureManagement()</c>: every feature is decided by Vexil (<c>IsEnabledAsync("flag")</c>, with a
    /// <see cref="Microsoft.FeatureManagement.FeatureFilters.TargetingContext"/>, and <c>[FeatureGate("flag")]</c>). The Vexil
    /// client itself is registered with <c>services.AddVexil(configuration.GetSection("Vexil"))</c>.
    /// </summary>
    public static IFeatureManagementBuilder AddVexil(this IFeatureManagementBuilder builder, Action<VexilFeatureManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<VexilFeatureManagementOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.Replace(ServiceDescriptor.Singleton<IFeatureDefinitionProvider, VexilFeatureDefinitionProvider>());
        builder.AddFeatureFilter<VexilFeatureFilter>();
        builder.AddFeatureFilter<VexilTargetingFilter>();
        return builder;
    }
}
