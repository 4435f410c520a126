namespace Vexil.Server.Api.Transfer;

/// <summary>The body of <c>POST /api/v1/import</c>.</summary>
/// <param name="Format"><c>gitlab</c> or <c>flipper</c>.</param>
/// <param name="Environment">The environment to write (name or alias).</param>
/// <param name="Source">The file's name, recorded in each audit event.</param>
/// <param name="Content">The file's text.</param>
/// <param name="Apply">False (default) for a dry run that only shows what would change.</param>
public sealed record ImportRequest(string? Format, string? Environment, string? Source, string? Content, bool Apply = false);
