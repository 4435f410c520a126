using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// Reads the Features API's parameters from the query string and from a JSON, urlencoded or multipart body. GitLab
/// accepts all of these and clients use them all (python-gitlab sends JSON plus extra options in the query string, curl
/// sends forms). The body is read here, with its own size limit, rather than through model binding or
/// <c>ReadFormAsync</c>, so that every malformed or oversized body becomes a 400 or 413 that says what to fix, under
/// Kestrel and under the test server alike.
/// </summary>
internal static class GitLabParameterReader
{
    /// <summary>The largest body accepted, the same as Kestrel's limit.</summary>
    public const int MaxBodyBytes = RequestLimits.MaxBodyBytes;

    private const int MaxFormFields = 1024;
    private const int MaxBoundaryLength = 70; // RFC 2046

    // Invalid UTF-8 becomes U+FFFD, which the actor and name checks then refuse with a clear message.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>Reads the query string and, when <paramref name="readBody"/>, the body.</summary>
    public static async Task<GitLabParameterReadResult> ReadAsync(HttpRequest request, bool readBody, CancellationToken cancellationToken)
    {
        var parameters = new GitLabParameters();
        foreach (var (name, values) in request.Query)
        {
            // A repeated query parameter never gets here: RepeatedQueryParameterMiddleware refuses it.
            foreach (var value in values)
            {
                parameters.Set(name, value ?? string.Empty);
            }
        }

        if (!readBody || request.ContentLength == 0)
        {
            return GitLabParameterReadResult.Read(parameters);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return GitLabParameterReadResult.Failed(TooLarge());
        }

        var (body, readError) = await ReadBodyAsync(request, cancellationToken);
        if (readError is not null)
        {
            return GitLabParameterReadResult.Failed(readError);
        }

        if (body.Length == 0)
        {
            return GitLabParameterReadResult.Read(parameters);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
        {
            return GitLabParameterReadResult.Failed(Unsupported(request.ContentType));
        }

        string? problem;
        if (mediaType.MatchesMediaType("application/json") || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            problem = ReadJson(body, parameters);
        }
        else if (mediaType.MatchesMediaType("application/x-www-form-urlencoded"))
        {
            problem = await ReadUrlEncodedAsync(body, parameters, cancellationToken);
        }
        else if (mediaType.MatchesMediaType("multipart/form-data"))
        {
            problem = await ReadMultipartAsync(body, mediaType, parameters, cancellationToken);
        }
        else
        {
            return GitLabParameterReadResult.Failed(Unsupported(request.ContentType));
        }

        problem ??= parameters.Repeated is { } repeated
            ? $"{repeated} is given more than once (twice in the body, or in both the query string and the body); give it once."
            : null;
        return problem is null
            ? GitLabParameterReadResult.Read(parameters)
            : GitLabParameterReadResult.Failed(GitLabResponses.BadRequest(problem));
    }

    private static async Task<(byte[] Body, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // A chunked body has no Content-Length, so the limit is also enforced while reading.
        using var memory = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (memory.Length + read > MaxBodyBytes)
                {
                    return ([], TooLarge());
                }

                memory.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limit, or a malformed chunked encoding.
            return ([], exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge()
                : GitLabResponses.BadRequest("The request body could not be read; send it again."));
        }
        catch (IOException)
        {
            return ([], GitLabResponses.BadRequest("The request body could not be read; send it again."));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return (memory.ToArray(), null);
    }

    private static string? ReadJson(byte[] body, GitLabParameters parameters)
    {
        var json = body.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8))
        {
            json = json[3..];
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "The JSON body must be an object, e.g. {\"value\": \"true\"}.";
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!GitLabParameterNames.All.Contains(property.Name))
                {
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        parameters.Set(property.Name, property.Value.GetString() ?? string.Empty);
                        break;
                    case JsonValueKind.Number:
                        // The number as written: 0.5 stays "0.5" and 100.0 stays "100.0", as GitLab sees it.
                        parameters.Set(property.Name, property.Value.GetRawText());
                        break;
                    case JsonValueKind.True:
                        parameters.Set(property.Name, "true");
                        break;
                    case JsonValueKind.False:
                        parameters.Set(property.Name, "false");
                        break;
                    case JsonValueKind.Null:
                        parameters.Remove(property.Name);
                        break;
                    default:
                        return $"{property.Name} must be a string, a number or a boolean, not {(property.Value.ValueKind == JsonValueKind.Array ? "a list" : "an object")}.";
                }
            }

            return null;
        }
        catch (JsonException exception)
        {
            return $"The body is not valid JSON ({exception.Message}); send a JSON object such as {{\"value\": \"true\"}}.";
        }
        catch (InvalidOperationException)
        {
            // A string escape that is not valid UTF-16, e.g. a lone "\ud800".
            return "The JSON body contains a string that is not valid Unicode text; send UTF-8 text.";
        }
    }

    private static async Task<string?> ReadUrlEncodedAsync(byte[] body, GitLabParameters parameters, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = new FormReader(stream, Utf8)
            {
                ValueCountLimit = MaxFormFields,
                KeyLengthLimit = MaxBodyBytes,
                ValueLengthLimit = MaxBodyBytes,
            };
            foreach (var (name, values) in await reader.ReadFormAsync(cancellationToken))
            {
                foreach (var value in values)
                {
                    parameters.Set(name, value ?? string.Empty);
                }
            }

            return null;
        }
        catch (InvalidDataException exception)
        {
            return $"The form body could not be read ({exception.Message}); send at most {MaxFormFields} fields.";
        }
    }

    private static async Task<string?> ReadMultipartAsync(byte[] body, MediaTypeHeaderValue mediaType, GitLabParameters parameters, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength)
        {
            return $"A multipart/form-data body needs a boundary of 1 to {MaxBoundaryLength} characters in its Content-Type.";
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            var reader = new MultipartReader(boundary, stream)
            {
                HeadersCountLimit = 16,
                HeadersLengthLimit = 8192,
                BodyLengthLimit = MaxBodyBytes,
            };
            var fields = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++fields > MaxFormFields)
                {
                    return $"The multipart body has more than {MaxFormFields} parts; send only the parameters.";
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition()
                    || disposition.IsFileDisposition())
                {
                    continue; // files and other parts carry no parameters
                }

                using var text = new StreamReader(section.Body, Utf8);
                parameters.Set(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, await text.ReadToEndAsync(cancellationToken));
            }

            return null;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException)
        {
            return $"The multipart body is malformed ({exception.Message}); send form-data parts with the boundary given in Content-Type.";
        }
    }

    private static IResult TooLarge() =>
        GitLabResponses.Message(
            StatusCodes.Status413PayloadTooLarge,
            $"413 Payload Too Large - the request body is larger than {MaxBodyBytes / 1024} KiB; send at most {MaxBodyBytes} bytes.");

    private static IResult Unsupported(string? contentType) =>
        GitLabResponses.Message(
            StatusCodes.Status415UnsupportedMediaType,
            $"415 Unsupported Media Type - cannot read a body of type '{contentType}'; send application/json, application/x-www-form-urlencoded or multipart/form-data.");
}
