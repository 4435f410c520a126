using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Vexil.Client.Hosting;

namespace Vexil.Client.FeatureManagement;

/// <summary>
/// The feature filter behind every Vexil-decided feature: asks the <see cref="VexilClient"/> with the actors mapped from
/// the targeting context passed in, or, without one, from the current HTTP request (or with no actor outside requests).
/// </summary>
[FilterAlias(Alias)]
public sealed class VexilFeatureFilter(
    VexilClientProvider clients,
    IOptions<VexilFeatureManagementOptions> options,
    IHttpContextAccessor? httpContextAccessor = null) : IFeatureFilter, IContextualFeatureFilter<ITargetingContext>
{
    /// <summary>The filter's name in feature definitions.</summary>
    public const string Alias = "Vexil";

    /// <inheritdoc />
    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await clients.GetClientAsync().ConfigureAwait(false);
        if (httpContextAccessor?.HttpContext is { } httpContext)
        {
            return client.IsEnabled(context.FeatureName, options.Value.HttpContextActors(httpContext));
        }

        return client.IsEnabled(context.FeatureName);
    }

    /// <inheritdoc />
    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, ITargetingContext appContext)
    {
        ArgumentNullException.ThrowIfNull(featureFilterContext);
        if (appContext is null)
        {
            return await EvaluateAsync(featureFilterContext).ConfigureAwait(false);
        }

        var client = await clients.GetClientAsync().ConfigureAwait(false);
        return client.IsEnabled(featureFilterContext.FeatureName, options.Value.TargetingActors(appContext));
    }
}
