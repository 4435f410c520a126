namespace Vexil.Cli.Api;

/// <summary>The answer to creating a token: the token and, this once, its secret.</summary>
internal sealed class CreatedToken : TokenInfo
{
    /// <summary>The secret; the server keeps only its hash and never shows it again.</summary>
    public string Token { get; init; } = "";
}
