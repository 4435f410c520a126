using System.Security.Cryptography;
using System.Text;

namespace Vexil.Server.Auth;

/// <summary>
/// Tokens are stored only as hashes. They are long random secrets, so a fast unsalted SHA-256 is enough (a slow
/// password hash would cost on every request and protect nothing more); lookups are by hash.
/// </summary>
public static class TokenHasher
{
    /// <summary>Prefix of every secret Vexil issues, so leaked tokens are easy to recognise and scan for.</summary>
    public const string Prefix = "vxl_";

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A new random secret: the prefix and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
