using System.Buffers;
using System.Text.Json;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// A JSON response with <c>Content-Type: application/json</c> and no charset: python-gitlab parses a body only when the
/// header is exactly that, and <c>Results.Json</c> would add <c>; charset=utf-8</c>.
/// </summary>
internal sealed class GitLabJsonResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>The content type GitLab sends and python-gitlab expects.</summary>
    public const string ContentType = "application/json";

    private readonly int statusCode;
    private readonly Action<Utf8JsonWriter>? write;
    private readonly Func<HttpContext, Task>? stream;

    private GitLabJsonResult(int statusCode, Action<Utf8JsonWriter>? write, Func<HttpContext, Task>? stream)
    {
        this.statusCode = statusCode;
        this.write = write;
        this.stream = stream;
    }

    /// <inheritdoc />
    int? IStatusCodeHttpResult.StatusCode => statusCode;

    /// <inheritdoc />
    string IContentTypeHttpResult.ContentType => ContentType;

    /// <summary>A small body written in one go, with its length known.</summary>
    public static GitLabJsonResult Write(int statusCode, Action<Utf8JsonWriter> write) => new(statusCode, write, null);

    /// <summary>A large body that writes itself to the response as it goes.</summary>
    public static GitLabJsonResult Stream(int statusCode, Func<HttpContext, Task> stream) => new(statusCode, null, stream);

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        if (stream is not null)
        {
            await stream(httpContext);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, GitLabFeatureJson.WriterOptions))
        {
            write!(writer);
        }

        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
