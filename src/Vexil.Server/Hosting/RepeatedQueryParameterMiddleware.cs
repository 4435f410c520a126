using Vexil.Core.Text;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses a request whose query string gives a parameter more than once (<c>environment=staging&amp;environment=production</c>,
/// <c>value=true&amp;value=false</c>) with 400, in the error shape of its API. No Vexil endpoint takes a list in the
/// query string, and picking one of the values (Rack keeps the last, minimal APIs join them with commas) would be a
/// silent guess about what the caller meant.
/// </summary>
internal sealed class RepeatedQueryParameterMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Most requests (OFREP evaluations above all) carry no query string: nothing to parse then.
        if (context.Request.QueryString.HasValue)
        {
            foreach (var (name, values) in context.Request.Query)
            {
                if (values.Count > 1)
                {
                    return ApiErrorAnswers.WriteAsync(
                        context,
                        StatusCodes.Status400BadRequest,
                        "Repeated query parameter",
                        $"The query parameter '{TextRules.Printable(name)}' is given {values.Count} times; give it once.");
                }
            }
        }

        return next(context);
    }
}
