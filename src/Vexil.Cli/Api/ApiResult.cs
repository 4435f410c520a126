namespace Vexil.Cli.Api;

/// <summary>A successful answer: the value read from it and the JSON exactly as the server sent it, for <c>--json</c>.</summary>
/// <typeparam name="T">The type read from the answer.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Json">The body as sent, so scripts see every field, including ones this CLI does not know yet.</param>
internal sealed record ApiResult<T>(T Value, string Json);
