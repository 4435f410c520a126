using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Vexil.Client.Hosting;

namespace Vexil.Client.FeatureManagement;

/// <summary>
/// The feature filter behind every Vexil-decided feature for calls without a context: asks the <see cref="VexilClient"/>
/// with the actors mapped from the current HTTP request (or with no actor outside requests). Calls with a targeting
/// context are answered by <see cref="VexilTargetingFilter"/> under the same name (Microsoft.FeatureManagement wants one
/// interface per filter class and picks the contextual one when a context is given).
/// </summary>
[FilterAlias(Alias)]
public sealed class VexilFeatureFilter(
    VexilClientProvider clients,
    IOptions<VexilFeatureManagementOptions> options,
    IHttpContextAccessor httpContextAccessor) : IFeatureFilter
{
    /// <summary>The filter's name in feature definitions.</summary>
    public const string Alias = "Vexil";

    /// <inheritdoc />
    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = await clients.GetClientAsync().ConfigureAwait(false);
        if (httpContextAccessor.HttpContext is { } httpContext)
        {
            return client.IsEnabled(context.FeatureName, options.Value.HttpContextActors(httpContext));
        }

        return client.IsEnabled(context.FeatureName);
    }
}
