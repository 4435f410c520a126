using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Vexil.Server.Api.Ofrep;

/// <summary>Writes OFREP answers that are not a flag evaluation: errors and refusals. Off the hot path.</summary>
internal static class OfrepResponses
{
    // Answers are JSON for programs, never HTML: escape only what JSON requires, so messages stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText KeyProperty = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText ErrorCodeProperty = JsonEncodedText.Encode("errorCode");
    private static readonly JsonEncodedText ErrorDetailsProperty = JsonEncodedText.Encode("errorDetails");

    /// <summary>Writes a refusal. <paramref name="key"/> is set on the single-flag endpoint, whose errors name the flag.</summary>
    public static Task WriteDenialAsync(HttpContext context, OfrepDenial denial, string? key)
    {
        if (denial.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        }

        // OFREP gives 401 and 403 no body schema; a general error body still tells a person what to do.
        return WriteErrorAsync(context, denial.StatusCode, denial.ErrorCode is null ? null : key, denial.ErrorCode, denial.Details);
    }

    /// <summary>
    /// Writes <c>{"key":..., "errorCode":..., "errorDetails":...}</c>, leaving out what is null: the shape of OFREP's
    /// evaluationFailure, flagNotFound, bulkEvaluationFailure and generalErrorResponse.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext context, int statusCode, string? key, string? errorCode, string details)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = OfrepFragments.JsonContentType;
        response.Headers.CacheControl = "no-store";
        WriteError(response.BodyWriter, key, errorCode, details);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void WriteError(PipeWriter body, string? key, string? errorCode, string details)
    {
        using var writer = new Utf8JsonWriter((IBufferWriter<byte>)body, WriterOptions);
        writer.WriteStartObject();
        if (key is not null)
        {
            writer.WriteString(KeyProperty, key);
        }

        if (errorCode is not null)
        {
            writer.WriteString(ErrorCodeProperty, errorCode);
        }

        writer.WriteString(ErrorDetailsProperty, details);
        writer.WriteEndObject();
    }
}
