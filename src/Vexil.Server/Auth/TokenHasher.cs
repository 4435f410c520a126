using System.Buffers;
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

    /// <summary>The length of a hash: 64 hex digits.</summary>
    public const int HashLength = 64;

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>
    /// Writes the same hash as <see cref="Hash(string)"/> into <paramref name="destination"/> (at least
    /// <see cref="HashLength"/> characters) without allocating: this runs on every request.
    /// </summary>
    public static void Hash(ReadOnlySpan<char> secret, Span<char> destination)
    {
        const int StackLimit = 512;
        var byteCount = Encoding.UTF8.GetMaxByteCount(secret.Length);
        byte[]? rented = null;
        var utf8 = byteCount <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(byteCount));
        try
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], digest);
            if (!Convert.TryToHexStringLower(digest, destination, out _))
            {
                throw new ArgumentException($"The destination must hold {HashLength} characters.", nameof(destination));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A new random secret: the prefix and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
