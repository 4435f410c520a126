using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Auth;

/// <summary>
/// The per-token limit on API requests (<see cref="RateLimitOptions"/>): ASP.NET Core's rate-limiting middleware with
/// one global limiter, a token bucket per <see cref="RateLimitPartitionKey"/>, applied to <c>/api/</c>,
/// <c>/ofrep/</c> and <c>/chatops/</c>. Pages, health and the OpenAPI document are not limited.
/// </summary>
public static class ApiRateLimiting
{
    /// <summary>The largest <see cref="RateLimitOptions.PermitsPerSecond"/> accepted; above it, turn the limit off instead.</summary>
    public const double MaxPermitsPerSecond = 10_000_000;

    private static readonly string[] LimitedPrefixes = ["/api", "/ofrep", "/chatops"];

    /// <summary>Adds the rate-limiting middleware; call after the token authentication middleware, which it relies on.</summary>
    public static IApplicationBuilder UseVexilRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>Registers the limiter, configured from <c>Vexil:Auth:RateLimit</c>.</summary>
    internal static IServiceCollection AddVexilRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<AuthOptions>>((limiter, auth) =>
        {
            var limits = auth.Value.RateLimit;
            if (!limits.Enabled)
            {
                return;
            }

            var bucket = BucketFor(limits);
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, RateLimitPartitionKey>(context =>
                IsLimited(context.Request.Path)
                    ? RateLimitPartition.GetTokenBucketLimiter(RateLimitPartitionKey.For(context), _ => bucket)
                    : RateLimitPartition.GetNoLimiter(RateLimitPartitionKey.Unlimited));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => new ValueTask(RateLimitRejection.WriteAsync(
                rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
                limits));
        });
        return services;
    }

    /// <summary>Checks the limits; the message says which setting is wrong and what it may be.</summary>
    internal static string? Validate(RateLimitOptions limits)
    {
        if (!limits.Enabled)
        {
            return null;
        }

        if (!(limits.PermitsPerSecond > 0 && limits.PermitsPerSecond <= MaxPermitsPerSecond))
        {
            return $"Vexil:Auth:RateLimit:PermitsPerSecond is {limits.PermitsPerSecond}; set it above 0 and at most {MaxPermitsPerSecond:0}, or set Vexil:Auth:RateLimit:Enabled to false.";
        }

        return limits.Burst < 1
            ? $"Vexil:Auth:RateLimit:Burst is {limits.Burst}; set it to 1 or more (the requests a quiet caller may make at once)."
            : null;
    }

    /// <summary>
    /// The bucket for a rate: refilled in steps of about a tenth of a second (the partitioned limiter's timer ticks
    /// that often), each step adding the permits of its length, so fractional and high rates are both exact.
    /// </summary>
    internal static TokenBucketRateLimiterOptions BucketFor(RateLimitOptions limits)
    {
        var perStep = Math.Max(1, (int)Math.Round(limits.PermitsPerSecond / 10));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = perStep,
            ReplenishmentPeriod = TimeSpan.FromSeconds(perStep / limits.PermitsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    private static bool IsLimited(PathString path)
    {
        foreach (var prefix in LimitedPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
