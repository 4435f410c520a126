namespace Vexil.Cli.Api;

/// <summary>The body of <c>POST /api/v1/incidents</c>.</summary>
/// <param name="Title">What is wrong.</param>
/// <param name="Severity">1 (critical) to 4 (low).</param>
internal sealed record NewIncident(string Title, int Severity);
