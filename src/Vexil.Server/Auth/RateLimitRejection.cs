using System.Globalization;

namespace Vexil.Server.Auth;

/// <summary>
/// The 429 answer, shaped for the API that was called: OFREP's error body under <c>/ofrep/</c>, GitLab's
/// <c>{"message": ...}</c> under <c>/api/v4</c>, ProblemDetails elsewhere. Always with <c>Retry-After</c> in whole
/// seconds, so clients with a retry policy back off by themselves.
/// </summary>
internal static class RateLimitRejection
{
    /// <summary>What GitLab answers when its rate limit is hit.</summary>
    public const string GitLabMessage = "429 Too Many Requests";

    /// <summary>Writes the answer.</summary>
    public static Task WriteAsync(HttpContext context, TimeSpan? retryAfter, RateLimitOptions limits)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var who = context.GetTokenPrincipal() is null ? "this client address" : "this token";
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"Too many requests from {who}: the limit is {limits.PermitsPerSecond:0.###} per second with bursts of {limits.Burst}; retry after {seconds} s.");

        var path = context.Request.Path;
        if (path.StartsWithSegments("/ofrep", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new { errorCode = "GENERAL", errorDetails = detail }, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        }

        if (path.StartsWithSegments("/api/v4", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new { message = GitLabMessage }, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
        }

        return Results.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests").ExecuteAsync(context);
    }
}
