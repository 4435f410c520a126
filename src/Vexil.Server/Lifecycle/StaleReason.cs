namespace Vexil.Server.Lifecycle;

/// <summary>One rule a stale flag meets, with its evidence.</summary>
/// <param name="Rule">One of <see cref="StaleRules"/>.</param>
/// <param name="Evidence">The evidence in one sentence, with dates, counts and environments.</param>
/// <param name="Since">Since when the rule has held, when known.</param>
/// <param name="Environments">The environments the evidence is about.</param>
/// <param name="Count">A count behind the evidence (evaluations in the window), when the rule has one.</param>
public sealed record StaleReason(string Rule, string Evidence, DateTimeOffset? Since, IReadOnlyList<string> Environments, long? Count = null);
