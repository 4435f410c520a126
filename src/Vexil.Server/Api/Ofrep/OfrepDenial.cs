namespace Vexil.Server.Api.Ofrep;

/// <summary>Why a request is refused before evaluation: its status, OFREP error code (if any) and a sentence for people.</summary>
/// <param name="StatusCode">401, 403 or 400.</param>
/// <param name="ErrorCode">The OFREP error code, or null for 401 and 403, whose OFREP answers carry only details.</param>
/// <param name="Details">What was wrong and what to do.</param>
internal sealed record OfrepDenial(int StatusCode, string? ErrorCode, string Details);
