using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Vexil.Client.Hosting;

namespace Vexil.Client.FeatureManagement;

/// <summary>
/// Answers <c>IsEnabledAsync(name, targetingContext)</c>: asks the <see cref="VexilClient"/> with the actors that
/// <see cref="VexilFeatureManagementOptions.TargetingActors"/> maps from the context.
/// </summary>
[FilterAlias(VexilFeatureFilter.Alias)]
public sealed class VexilTargetingFilter(VexilClientProvider clients, IOptions<VexilFeatureManagementOptions> options) : IContextualFeatureFilter<ITargetingContext>
{
    /// <inheritdoc />
    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, ITargetingContext appContext)
    {
        ArgumentNullException.ThrowIfNull(featureFilterContext);
        var client = await clients.GetClientAsync().ConfigureAwait(false);
        return appContext is null
            ? client.IsEnabled(featureFilterContext.FeatureName)
            : client.IsEnabled(featureFilterContext.FeatureName, options.Value.TargetingActors(appContext));
    }
}
