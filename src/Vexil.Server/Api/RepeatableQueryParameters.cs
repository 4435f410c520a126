namespace Vexil.Server.Api;

/// <summary>
/// Endpoint metadata naming the query parameters that endpoint takes as a list (<c>actor=User:1&amp;actor=Project:2</c>),
/// so the repeated-parameter check in Hosting lets exactly those repeat. Every other parameter given twice is
/// still refused: a list must be declared where it is bound, not guessed at.
/// </summary>
/// <param name="Names">The parameters that may repeat.</param>
public sealed record RepeatableQueryParameters(params string[] Names);
