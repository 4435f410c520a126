namespace Vexil.Definitions;

/// <summary>The outcome of reading one file: a definition, or the problems that kept it out (never both).</summary>
internal sealed record DefinitionFileResult(FlagDefinition? Definition, IReadOnlyList<string> Problems)
{
    public static DefinitionFileResult Valid(FlagDefinition definition) => new(definition, []);

    public static DefinitionFileResult Invalid(IReadOnlyList<string> problems) => new(null, problems);

    public static DefinitionFileResult Invalid(string problem) => new(null, [problem]);
}
