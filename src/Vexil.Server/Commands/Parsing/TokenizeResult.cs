namespace Vexil.Server.Commands.Parsing;

/// <summary>The words of a command, or why it could not be split into words.</summary>
/// <param name="Tokens">The words; empty on error.</param>
/// <param name="Error">Null on success; otherwise a sentence saying what to fix.</param>
public sealed record TokenizeResult(IReadOnlyList<CommandToken> Tokens, string? Error);
