namespace Vexil.Cli.Api;

/// <summary>An RFC 9457 problem (ASP.NET Core's ProblemDetails and ValidationProblemDetails), as the server sends errors.</summary>
internal sealed class ProblemDetailsBody
{
    /// <summary>A short summary.</summary>
    public string? Title { get; init; }

    /// <summary>What was wrong and what to do; the sentence to show.</summary>
    public string? Detail { get; init; }

    /// <summary>The status code.</summary>
    public int? Status { get; init; }

    /// <summary>Validation messages by field, for 400 answers.</summary>
    public Dictionary<string, string[]>? Errors { get; init; }

    /// <summary>The best sentence to show a person, or null when the problem says nothing useful.</summary>
    public string? Message()
    {
        if (!string.IsNullOrWhiteSpace(Detail))
        {
            return Detail.Trim();
        }

        if (Errors is { Count: > 0 })
        {
            return string.Join(" ", Errors.Values.SelectMany(messages => messages));
        }

        return string.IsNullOrWhiteSpace(Title) ? null : Title.Trim();
    }
}
