using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses request bodies over <see cref="VexilServiceCollectionExtensions.MaxRequestBodyBytes"/> with 413 before
/// any endpoint reads them. Kestrel enforces the same limit on the wire; this makes the answer the same, and a
/// ProblemDetails, whatever server hosts the app and whichever endpoint would have parsed the body.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        const long Limit = VexilServiceCollectionExtensions.MaxRequestBodyBytes;
        if (context.Request.ContentLength > Limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = $"The request body is {context.Request.ContentLength} bytes; send at most {Limit} bytes (64 KiB).",
            }).ExecuteAsync(context);
            return;
        }

        // Bodies without a Content-Length (chunked) are cut off at the same size while they are read.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = Limit;
        }

        await next(context);
    }
}
