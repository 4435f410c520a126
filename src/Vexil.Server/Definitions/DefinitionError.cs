namespace Vexil.Server.Definitions;

/// <summary>
/// A problem found while loading definitions: a file that was skipped, or a configured folder that could not be read.
/// </summary>
/// <param name="Path">The full path of the file or folder concerned.</param>
/// <param name="Message">One sentence naming the file, saying what is wrong and what to do.</param>
public sealed record DefinitionError(string Path, string Message)
{
    /// <summary>
    /// An error about one definition file, worded as GitLab wraps them: <c>Invalid definition for `path`: problem</c>.
    /// </summary>
    public static DefinitionError InvalidDefinition(string path, string problem) =>
        new(path, $"Invalid definition for `{path}`: {problem}");

    /// <inheritdoc/>
    public override string ToString() => Message;
}
