namespace Vexil.Definitions.References;

/// <summary>One place in a source tree that reads a flag.</summary>
/// <param name="Flag">The flag's name as defined (snake case), also when the code writes it in camel case.</param>
/// <param name="Path">The file, relative to the scanned folder, with <c>/</c> separators.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Text">The line's text, trimmed (cut at <see cref="CodeReferenceScanner.MaxTextLength"/> characters).</param>
/// <param name="Pattern">The template that matched, or <see cref="CodeReferenceScanner.DefinitionPattern"/> for the flag's own definition file.</param>
public sealed record CodeReference(string Flag, string Path, int Line, string Text, string Pattern)
{
    /// <summary>True for the flag's own definition file rather than code that reads the flag.</summary>
    public bool IsDefinition => Pattern == CodeReferenceScanner.DefinitionPattern;
}
