namespace Vexil.Server.Api.Tokens;

/// <summary>The body of <c>POST /api/v1/tokens</c>.</summary>
public sealed class CreateTokenRequest
{
    /// <summary>What the token is for, e.g. <c>ci-deploy</c>; 1 to 100 characters. Audit events name it as "who".</summary>
    public string? Name { get; set; }

    /// <summary><c>read</c>, <c>write</c> or <c>admin</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>
    /// The environments (names or aliases) a read or write token is limited to; empty or missing means every
    /// environment, except that an unscoped write token cannot change a protected one. Admin tokens take none.
    /// </summary>
    public List<string>? Environments { get; set; }

    /// <summary>When the token stops working (ISO 8601, in the future); missing means never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
