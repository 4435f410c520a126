namespace Vexil.Server.Api.Transfer;

/// <summary>The answer of <c>POST /api/v1/import</c>.</summary>
/// <param name="Environment">The environment (canonical name).</param>
/// <param name="Source">The file.</param>
/// <param name="Applied">False for a dry run.</param>
/// <param name="Flags">One entry per flag in the file, by name.</param>
public sealed record ImportResult(string Environment, string Source, bool Applied, IReadOnlyList<ImportPlanEntry> Flags)
{
    /// <summary>Flags the import created or changed (or would).</summary>
    public int Changes => Flags.Count(flag => flag.Action != "unchanged");

    /// <summary>Flags a guard rail or gate rule refused.</summary>
    public int Refused => Flags.Count(flag => flag.Outcome == "refused");

    /// <summary>Flags imported without a definition.</summary>
    public IReadOnlyList<string> Undefined => Flags.Where(flag => !flag.Defined).Select(flag => flag.Name).ToArray();
}
