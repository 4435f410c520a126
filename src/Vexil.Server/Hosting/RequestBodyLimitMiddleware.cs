using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Api;
using Vexil.Server.Api.GitLab;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="RequestLimits.MaxBodyBytes"/> with 413 before
/// any endpoint reads them. Kestrel enforces the same limit on the wire; this makes the answer the same, and a
/// ProblemDetails, whatever server hosts the app and whichever endpoint would have parsed the body.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        const long Limit = RequestLimits.MaxBodyBytes;
        if (context.Request.ContentLength > Limit)
        {
            var detail = $"The request body is {context.Request.ContentLength} bytes; send at most {Limit} bytes (64 KiB).";

            // Each API keeps its own error shape: GitLab's clients read {"message": ...}.
            var answer = context.Request.Path.StartsWithSegments("/api/v4")
                ? GitLabResponses.Message(StatusCodes.Status413PayloadTooLarge, "413 Payload Too Large - " + detail)
                : Results.Problem(new ProblemDetails { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large", Detail = detail });
            return answer.ExecuteAsync(context);
        }

        // Bodies without a Content-Length (chunked) are cut off at the same size while they are read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = Limit;
        }

        // The next middleware's task itself, not awaited here: nothing follows it, and an awaiting frame would stay
        // alive (a state machine per request) for as long as the request, which for a change stream is hours.
        return next(context);
    }
}
