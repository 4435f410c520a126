using System.Text.Json.Serialization;

namespace Vexil.Definitions;

/// <summary>
/// A problem found while loading definitions: a file that was skipped, or a configured folder that could not be read.
/// </summary>
/// <param name="Path">
/// The file, relative to the configured definitions folder it was found in (e.g. <c>beta/my_flag.yml</c>, or
/// <c>config/feature_flags/beta/my_flag.yml</c> for a GitLab repository), or the folder concerned, as configured.
/// </param>
/// <param name="Message">One sentence naming the file, saying what is wrong and what to do.</param>
public sealed record DefinitionError(string Path, string Message)
{
    /// <summary>
    /// The full path of the file, for matching errors to definitions; null for a folder problem. Never shown: answers
    /// name files relative to their definitions folder, not where the server keeps them.
    /// </summary>
    [JsonIgnore]
    public string? FullPath { get; init; }

    /// <summary>
    /// An error about one definition file, worded as GitLab wraps them: <c>Invalid definition for `path`: problem</c>,
    /// with <paramref name="path"/> as shown (relative to the definitions folder) and <paramref name="fullPath"/> kept
    /// for matching.
    /// </summary>
    public static DefinitionError InvalidDefinition(string path, string problem, string? fullPath = null) =>
        new(path, $"Invalid definition for `{path}`: {problem}") { FullPath = fullPath };

    /// <inheritdoc/>
    public override string ToString() => Message;
}
