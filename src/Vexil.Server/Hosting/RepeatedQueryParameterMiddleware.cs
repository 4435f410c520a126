using Vexil.Server.Api;
using Vexil.Core.Text;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses a request whose query string gives a parameter more than once (<c>environment=staging&amp;environment=production</c>,
/// <c>value=true&amp;value=false</c>) with 400, in the error shape of its API: picking one of the values (Rack keeps
/// the last, minimal APIs join them with commas) would be a silent guess about what the caller meant. An endpoint that
/// takes a list declares it with <see cref="RepeatableQueryParameters"/> metadata.
/// </summary>
internal sealed class RepeatedQueryParameterMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Most requests (OFREP evaluations above all) carry no query string: nothing to parse then.
        if (context.Request.QueryString.HasValue)
        {
            var lists = context.GetEndpoint()?.Metadata.GetMetadata<RepeatableQueryParameters>()?.Names ?? [];
            foreach (var (name, values) in context.Request.Query)
            {
                if (values.Count > 1 && !lists.Contains(name, StringComparer.OrdinalIgnoreCase))
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
