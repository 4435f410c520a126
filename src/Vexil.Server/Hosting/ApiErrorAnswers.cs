using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Api.GitLab;
using Vexil.Server.Api.Ofrep;

namespace Vexil.Server.Hosting;

/// <summary>
/// Writes a 4xx refusal found before an endpoint runs (a repeated query parameter, a value that does not bind) in the
/// error shape of the API the request is for: GitLab's <c>{"message": ...}</c> under <c>/api/v4</c>, OFREP's
/// <c>{"errorCode": ..., "errorDetails": ...}</c> under <c>/ofrep</c>, and ProblemDetails everywhere else. Clients
/// read errors the way their API defines them; a ProblemDetails on the GitLab API would be lost on python-gitlab.
/// </summary>
internal static class ApiErrorAnswers
{
    /// <summary>Writes the refusal.</summary>
    /// <param name="context">The request.</param>
    /// <param name="statusCode">A 4xx status.</param>
    /// <param name="title">A short title, for ProblemDetails.</param>
    /// <param name="detail">What was wrong and what to do, in one sentence.</param>
    public static Task WriteAsync(HttpContext context, int statusCode, string title, string detail)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api/v4"))
        {
            var text = statusCode == StatusCodes.Status400BadRequest ? GitLabResponses.BadRequestPrefix + detail : $"{statusCode} {title} - {detail}";
            return GitLabResponses.Message(statusCode, text).ExecuteAsync(context);
        }

        if (path.StartsWithSegments("/ofrep"))
        {
            // The single-flag endpoint's errors name the flag, as its own refusals do.
            var key = context.Request.RouteValues["key"] as string;
            return OfrepResponses.WriteErrorAsync(context, statusCode, key, OfrepErrorCode.General, detail);
        }

        return Results.Problem(new ProblemDetails { Status = statusCode, Title = title, Detail = detail }).ExecuteAsync(context);
    }
}
