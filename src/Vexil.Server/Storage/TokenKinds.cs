namespace Vexil.Server.Storage;

/// <summary>
/// The written form of <see cref="TokenKind"/> (<c>read</c>, <c>write</c>, <c>admin</c>, <c>metrics</c>,
/// <c>deployments</c>), used alike in the database and
/// the API so that one spelling exists.
/// </summary>
internal static class TokenKinds
{
    /// <summary>Every kind's written form: the flag rights weakest first, then the scrape-only and the deployments-only kinds.</summary>
    public static readonly IReadOnlyList<string> Names = ["read", "write", "admin", "metrics", "deployments"];

    /// <summary>The written form of a kind.</summary>
    public static string ToText(TokenKind kind) => kind switch
    {
        TokenKind.Read => "read",
        TokenKind.Write => "write",
        TokenKind.Admin => "admin",
        TokenKind.Metrics => "metrics",
        TokenKind.Deployments => "deployments",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a token kind Vexil knows."),
    };

    /// <summary>Reads a written kind, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? text, out TokenKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "read":
                kind = TokenKind.Read;
                return true;
            case "write":
                kind = TokenKind.Write;
                return true;
            case "admin":
                kind = TokenKind.Admin;
                return true;
            case "metrics":
                kind = TokenKind.Metrics;
                return true;
            case "deployments":
                kind = TokenKind.Deployments;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>Reads a kind the database holds; the schema's CHECK keeps anything else out.</summary>
    public static TokenKind FromStored(string text) =>
        TryParse(text, out var kind) ? kind : throw new InvalidOperationException($"The tokens table holds an unknown kind '{text}'.");
}
