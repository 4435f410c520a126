namespace Vexil.Server.Hosting;

/// <summary>
/// Gives every ProblemDetails a detail. Endpoints write their own; this fills in the answers ASP.NET Core writes by
/// itself (status-code pages for a path no endpoint answers, a method the path does not take), which otherwise say only
/// "Not Found" and leave the caller guessing.
/// </summary>
internal static class ProblemDetailsDefaults
{
    /// <summary>Fills in a missing detail.</summary>
    public static void Fill(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!string.IsNullOrWhiteSpace(problem.Detail))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var path = Vexil.Core.Text.TextRules.Printable(request.Path.Value ?? "/");
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing answers {request.Method} {path}: check the address (ids are numbers); /openapi/v1.json lists the API.",
            StatusCodes.Status405MethodNotAllowed => $"{path} does not take {request.Method}; /openapi/v1.json lists the methods each path takes.",
            StatusCodes.Status400BadRequest => $"The request to {request.Method} {path} could not be read; check it against /openapi/v1.json.",
            _ => $"The request to {request.Method} {path} was answered with status {problem.Status}; /openapi/v1.json describes the API.",
        };
    }
}
