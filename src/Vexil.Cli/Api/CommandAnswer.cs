using System.Text.Json;

namespace Vexil.Cli.Api;

/// <summary>The answer of <c>POST /api/v1/commands</c>: the same text chat users see, and an exit code.</summary>
internal sealed class CommandAnswer
{
    /// <summary>True when the command did what it was asked.</summary>
    public bool Ok { get; init; }

    /// <summary>0 success, 1 refused, 2 bad usage; null when the server left it out.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The answer as plain text, for terminals.</summary>
    public string? Text { get; init; }

    /// <summary>The answer as Markdown, for chat.</summary>
    public string? Markdown { get; init; }

    /// <summary>What happened per environment; kept as JSON because only <c>--json</c> shows it.</summary>
    public JsonElement? Environments { get; init; }
}
