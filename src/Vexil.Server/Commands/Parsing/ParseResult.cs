namespace Vexil.Server.Commands.Parsing;

/// <summary>A parsed command, or the reason the text is not a command (always a sentence a person can act on).</summary>
/// <param name="Command">The command; null on error.</param>
/// <param name="Error">Null on success.</param>
public sealed record ParseResult(FeatureCommand? Command, string? Error)
{
    /// <summary>A successful parse.</summary>
    public static ParseResult Of(FeatureCommand command) => new(command, null);

    /// <summary>A failed parse.</summary>
    public static ParseResult Fail(string error) => new(null, error);
}
