using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Vexil.Core.Text;
using Vexil.Server.Api;

namespace Vexil.Server.Hosting;

/// <summary>
/// Turns the <see cref="BadHttpRequestException"/> of a minimal-API binding failure (a query value that is not a
/// number or a date, a body that is not JSON or has the wrong types or a repeated key) into a 4xx that says what was
/// wrong, in the error shape of the request's API. Without it ASP.NET Core answers a bare "Bad Request" with no detail.
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on so that the failure reaches this handler; a handled
/// exception is not logged as unhandled.
/// </summary>
internal sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    private const int MaxQuotedValue = 80;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (title, detail) = Describe(bad);
        await ApiErrorAnswers.WriteAsync(httpContext, bad.StatusCode, title, detail);
        return true;
    }

    /// <summary>A title and a detail that says what was wrong and what to send instead.</summary>
    internal static (string Title, string Detail) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            // The inner exception says why a string could not be read, e.g. "Invalid surrogate value: '0xD800'".
            var why = json.InnerException is { } inner ? $" {inner.Message}" : string.Empty;
            return ("Invalid JSON body", $"The request body is not the JSON this endpoint takes: {json.Message}{why} Send a JSON object with the fields described in /openapi/v1.json.");
        }

        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var value = Quote(bind.Groups["value"].Value);
            return ("Invalid parameter", $"'{value}' is not a valid {name}: send {Expected(bind.Groups["type"].Value)}.");
        }

        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ("Request body too large", $"The request body is too large; send at most {RequestLimits.MaxBodyBytes} bytes (64 KiB).");
        }

        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return ("Unsupported media type", $"{exception.Message} Send the body as application/json.");
        }

        return ("Bad request", exception.Message);
    }

    // The type as RequestDelegateFactory names it: "int", "int?" or "Nullable<int>".
    private static string Expected(string typeName) => typeName.TrimEnd('?').Replace("Nullable<", string.Empty, StringComparison.Ordinal).TrimEnd('>') switch
    {
        "int" => string.Create(CultureInfo.InvariantCulture, $"a whole number no larger than {int.MaxValue}"),
        "long" => string.Create(CultureInfo.InvariantCulture, $"a whole number no larger than {long.MaxValue}"),
        "bool" => "true or false",
        "DateTimeOffset" or "DateTime" => "a date and time in ISO 8601, e.g. 2026-01-31T12:00:00Z",
        "Guid" => "a GUID",
        var other => $"a value of type {other}",
    };

    private static string Quote(string value)
    {
        var printable = TextRules.Printable(value);
        return printable.Length > MaxQuotedValue ? printable[..MaxQuotedValue] + "…" : printable;
    }

    // RequestDelegateFactory's wording: Failed to bind parameter "int? page" from "99999999999".
    [GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]+) (?<name>[^\" ]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();
}
