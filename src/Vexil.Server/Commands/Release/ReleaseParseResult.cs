namespace Vexil.Server.Commands.Release;

/// <summary>A deployment or release command, or the sentence saying how to write it.</summary>
/// <param name="Command">The command; null on error.</param>
/// <param name="Error">Null on success; otherwise what to fix.</param>
public sealed record ReleaseParseResult(ReleaseCommand? Command, string? Error);
