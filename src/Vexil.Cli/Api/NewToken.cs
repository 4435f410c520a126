namespace Vexil.Cli.Api;

/// <summary>The body of <c>POST /api/v1/tokens</c>.</summary>
/// <param name="Name">What the token is for.</param>
/// <param name="Kind"><c>read</c>, <c>write</c>, <c>admin</c>, <c>metrics</c> or <c>deployments</c>.</param>
/// <param name="Environments">Names or aliases it is limited to; empty for all.</param>
/// <param name="ExpiresAt">When it stops working; null for never.</param>
internal sealed record NewToken(string Name, string Kind, IReadOnlyList<string> Environments, DateTimeOffset? ExpiresAt);
