using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Vexil.Server.Api.GitLab;
using Vexil.Server.ChatOps;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Hosting;

/// <summary>
/// Answers a request that met a database outage (<see cref="StoreUnavailableException"/>) with 503 and
/// <c>Retry-After</c>, in the shape of the API it came to: GitLab's <c>{"message": ...}</c> under <c>/api/v4</c>, a chat
/// message under <c>/chatops</c>, ProblemDetails everywhere else. Every other exception is left to the default handler.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// The <c>Retry-After</c> seconds: long enough for a failover or a restart to finish, short enough that a script
    /// retrying as told is not held up long once the database is back.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException outage || httpContext.Response.HasStarted)
        {
            return false;
        }

        // One line, no stack trace: an outage is the database's state, not a bug, and it repeats for every request.
        logger.LogWarning("{Method} {Path} answered 503: {Problem}", httpContext.Request.Method, httpContext.Request.Path, outage.Message);

        var path = httpContext.Request.Path;
        IResult answer;
        if (path.StartsWithSegments("/api/v4"))
        {
            answer = GitLabResponses.Message(StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable - " + outage.Message);
        }
        else if (path.StartsWithSegments("/chatops"))
        {
            // Chat platforms show any status but 200 as a bare "failed" without our text, so the sentence comes with
            // 200, in the shape both Slack and Mattermost read.
            var message = new JsonObject { ["response_type"] = "ephemeral", ["text"] = outage.Message };
            answer = SlashCommandHandler.Json(message);
        }
        else
        {
            answer = Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = outage.MayHaveApplied ? "Outcome unknown: the database stopped answering" : "The database is unavailable",
                Detail = outage.Message,
            });
        }

        httpContext.Response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await answer.ExecuteAsync(httpContext);
        return true;
    }
}
