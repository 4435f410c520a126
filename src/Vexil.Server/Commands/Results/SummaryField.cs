namespace Vexil.Server.Commands.Results;

/// <summary>One field of a flag's summary, as in GitLab's ChatOps attachment (e.g. "Scoped to": "User:lulalala").</summary>
/// <param name="Title">The field's title.</param>
/// <param name="Value">Its value, as text.</param>
/// <param name="Literal">True when the value is a name or id to show verbatim (a code span in Markdown).</param>
public sealed record SummaryField(string Title, string Value, bool Literal = true);
