namespace Vexil.Server.Commands.Parsing;

/// <summary>One word of a command after quotes are resolved.</summary>
/// <param name="Text">The word, quotes removed.</param>
/// <param name="Position">Where it starts in the command text (0-based), for error messages.</param>
/// <param name="Quoted">True when the word starts with a quote: such a word is always a value, never an option (<c>'--actors'</c>).</param>
public sealed record CommandToken(string Text, int Position, bool Quoted);
