namespace Vexil.Definitions.References;

/// <summary>What a scan of a source tree found.</summary>
/// <param name="References">Every reference, ordered by path, then line.</param>
/// <param name="FilesScanned">Files read.</param>
/// <param name="FilesSkipped">Files left out: binary (a NUL byte near the start, as git decides) or larger than <see cref="CodeReferenceScanner.MaxFileBytes"/>.</param>
public sealed record CodeScanResult(IReadOnlyList<CodeReference> References, int FilesScanned, int FilesSkipped)
{
    /// <summary>Per flag, how many places in code read it (the definition file not counted), for flags with at least one.</summary>
    public IReadOnlyDictionary<string, int> CodeCounts() =>
        References.Where(reference => !reference.IsDefinition)
            .GroupBy(reference => reference.Flag, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
}
