using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Vexil.Cli.Configuration;

namespace Vexil.Cli.Api;

/// <summary>
/// The server's HTTP API as the CLI uses it. Every failure leaves as a <see cref="CliException"/> holding one sentence
/// that says what was wrong and what to do, so commands only handle the success path.
/// </summary>
internal sealed class VexilApiClient : IDisposable
{
    /// <summary>The header that tells the server which program sent a command; audit events record it as "via".</summary>
    public const string ClientHeader = "X-Vexil-Client";

    /// <summary>How long to wait for an answer. Long, because a production change may wait for the production check.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient http;
    private readonly ConnectionSettings settings;

    /// <summary>Creates a client for <paramref name="settings"/>.</summary>
    /// <param name="settings">The server and token.</param>
    /// <param name="handler">The handler to send through (tests); null for a new one, disposed with this client.</param>
    public VexilApiClient(ConnectionSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.settings = settings;
        http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = settings.BaseAddress;
        http.Timeout = Timeout;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        http.DefaultRequestHeaders.Add(ClientHeader, "cli");
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("vexil", Version));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The CLI's version, sent as the User-Agent.</summary>
    public static string Version { get; } =
        typeof(VexilApiClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Sends a <c>feature ...</c> command line to <c>POST /api/v1/commands</c>. A body that carries an exit code is the
    /// command's answer whatever the HTTP status (a refusal is an answer, not a transport error).
    /// </summary>
    public async Task<ApiResult<CommandAnswer>> RunCommandAsync(string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/commands") { Content = JsonBody(new { text }) };
        var (response, body) = await ExchangeAsync(request, cancellationToken);
        using (response)
        {
            if (TryReadCommandAnswer(body) is { } answer)
            {
                return new ApiResult<CommandAnswer>(answer, body);
            }

            throw Failure(response, body);
        }
    }

    /// <summary><c>GET</c> a JSON resource.</summary>
    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        ReadAsync(new HttpRequestMessage(HttpMethod.Get, path), body => JsonSerializer.Deserialize<T>(body, JsonOptions), cancellationToken);

    /// <summary><c>GET</c> a JSON list (see <see cref="ReadList{T}"/>).</summary>
    public Task<ApiResult<IReadOnlyList<T>>> GetListAsync<T>(string path, CancellationToken cancellationToken) =>
        ReadAsync(new HttpRequestMessage(HttpMethod.Get, path), ReadList<T>, cancellationToken);

    /// <summary><c>POST</c> a JSON body (or none) and read the JSON answer.</summary>
    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken) =>
        ReadAsync(
            new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonBody(body) },
            answer => JsonSerializer.Deserialize<T>(answer, JsonOptions),
            cancellationToken);

    /// <summary>
    /// Sends a request whose answer may be empty (<c>DELETE</c>, actions answered with 204) and returns the body as
    /// sent, empty when there is none.
    /// </summary>
    public async Task<string> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonBody(body) };
        var (response, answer) = await ExchangeAsync(request, cancellationToken);
        using (response)
        {
            return response.IsSuccessStatusCode ? answer : throw Failure(response, answer);
        }
    }

    /// <summary>Reads a value from a JSON answer; null when the answer is empty or not that shape.</summary>
    public static T? TryRead<T>(string json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a JSON list that is either the whole answer or the one array inside a wrapping object.</summary>
    public static IReadOnlyList<T> ReadList<T>(string json)
    {
        // The list endpoints answer bare arrays today; accept an array inside an object too, so a server that starts
        // paging a list (wrapping it with a total) does not break older CLIs.
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            root = root.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
        }

        return root.ValueKind == JsonValueKind.Array
            ? root.Deserialize<List<T>>(JsonOptions) ?? []
            : throw new JsonException("Expected a JSON array.");
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static StringContent JsonBody(object body) =>
        new(JsonSerializer.Serialize(body, body.GetType(), JsonOptions), Encoding.UTF8, "application/json");

    private static CommandAnswer? TryReadCommandAnswer(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || (!document.RootElement.TryGetProperty("exitCode", out _) && !document.RootElement.TryGetProperty("ok", out _)))
            {
                return null;
            }

            return document.RootElement.Deserialize<CommandAnswer>(JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemDetailsBody? TryReadProblem(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ProblemDetailsBody>(body, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool LooksLikeJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private async Task<ApiResult<T>> ReadAsync<T>(HttpRequestMessage request, Func<string, T?> read, CancellationToken cancellationToken)
    {
        using (request)
        {
            var (response, body) = await ExchangeAsync(request, cancellationToken);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw Failure(response, body);
                }

                try
                {
                    var value = read(body);
                    return value is null ? throw new JsonException("The answer is empty.") : new ApiResult<T>(value, body);
                }
                catch (JsonException e)
                {
                    throw NotVexil(request, e);
                }
            }
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> ExchangeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var where = new Uri(settings.BaseAddress, request.RequestUri!);
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response, body);
        }
        catch (HttpRequestException e)
        {
            throw new CliException(
                $"Could not reach the Vexil server at {settings.BaseAddress} ({e.Message}): check VEXIL_URL or run `vexil login --url URL`.",
                innerException: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                $"The Vexil server did not answer {request.Method} {where} within {Timeout.TotalMinutes:0} minutes: check the server, then look at `vexil audit` before retrying a change.",
                innerException: e);
        }
    }

    private CliException NotVexil(HttpRequestMessage request, Exception cause) =>
        new(
            $"The answer to {request.Method} {new Uri(settings.BaseAddress, request.RequestUri!)} is not what a Vexil server sends ({cause.Message}): check that VEXIL_URL points at Vexil.",
            innerException: cause);

    private CliException Failure(HttpResponseMessage response, string body)
    {
        var problem = TryReadProblem(body)?.Message();
        var json = LooksLikeJson(body) ? body : null;
        var status = (int)response.StatusCode;
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}";
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"The token from {settings.TokenSource} was refused: run `vexil login` or set VEXIL_TOKEN."
                + (problem is null ? "" : $" (The server said: {problem})"),
            HttpStatusCode.Forbidden =>
                $"The token from {settings.TokenSource} may not do this: {problem ?? "the server refused it (403)."}"
                + " Use a token whose kind and environments allow it (see `vexil tokens create --help`).",
            HttpStatusCode.NotFound when problem is not null => problem,
            HttpStatusCode.NotFound =>
                $"The server has nothing at {what} (404): check that VEXIL_URL points at a Vexil server recent enough for this command.",
            HttpStatusCode.TooManyRequests =>
                $"The server is limiting this token's requests: wait{RetryAfter(response)} and try again."
                + (problem is null ? "" : $" (The server said: {problem})"),
            _ when status >= 500 =>
                $"The server failed ({status} {response.ReasonPhrase}){(problem is null ? "" : $": {problem}")}; try again, and read the server's log if it keeps failing.",
            _ => problem ?? $"The server answered {status} {response.ReasonPhrase} to {what}.",
        };

        // A 400 means the values given on the command line were wrong (an unknown environment, a bad date): usage.
        var exitCode = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity ? ExitCodes.Usage : ExitCodes.Failure;
        return new CliException(message, exitCode, json);
    }

    private static string RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? $" {Math.Ceiling(delta.TotalSeconds):0} s" : " a moment";
}
