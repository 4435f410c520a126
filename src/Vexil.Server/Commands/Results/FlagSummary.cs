namespace Vexil.Server.Commands.Results;

/// <summary>
/// A flag's state in one environment, as GitLab's ChatOps shows it: Name, State (Enabled or Disabled), then a field
/// per enabled gate ("Enabled Globally", "Scoped to" for actors, and the raw gate key for the others).
/// </summary>
/// <param name="Name">The flag's name.</param>
/// <param name="Enabled">True when the flag is on or conditional.</param>
/// <param name="Fields">Every field in order, Name and State first.</param>
public sealed record FlagSummary(string Name, bool Enabled, IReadOnlyList<SummaryField> Fields);
