namespace Vexil.Cli.Tests.Infrastructure;

/// <summary>What the fake server answers to one route.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The body; null for none.</param>
/// <param name="ContentType">The body's content type.</param>
public sealed record FakeResponse(int Status, string? Body, string ContentType = "application/json")
{
    /// <summary>Extra headers, e.g. Retry-After.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>An RFC 9457 problem answer, the way ASP.NET Core writes one.</summary>
    public static FakeResponse Problem(int status, string title, string detail) =>
        new(status, $$"""{"type":"https://tools.ietf.org/html/rfc9110","title":"{{title}}","status":{{status}},"detail":"{{detail}}"}""", "application/problem+json");

    /// <summary>A command answer as <c>POST /api/v1/commands</c> sends it.</summary>
    public static FakeResponse Command(bool ok, int exitCode, string text, int status = 200) =>
        new(status, $$"""{"ok":{{(ok ? "true" : "false")}},"exitCode":{{exitCode}},"text":"{{text}}","markdown":"{{text}}","environments":[]}""");
}
