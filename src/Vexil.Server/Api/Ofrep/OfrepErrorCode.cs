namespace Vexil.Server.Api.Ofrep;

/// <summary>The OpenFeature error codes an OFREP answer may carry.</summary>
internal static class OfrepErrorCode
{
    /// <summary>The body is not JSON, or not a JSON object.</summary>
    public const string ParseError = "PARSE_ERROR";

    /// <summary>The context is there but not usable (wrong types, bad actor ids, too many actors).</summary>
    public const string InvalidContext = "INVALID_CONTEXT";

    /// <summary>No such flag in the environment.</summary>
    public const string FlagNotFound = "FLAG_NOT_FOUND";

    /// <summary>Anything else the caller must fix, such as an unknown environment.</summary>
    public const string General = "GENERAL";
}
