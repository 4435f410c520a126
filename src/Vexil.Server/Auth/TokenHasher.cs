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
            HashUtf8(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], digest);
            if (!Convert.TryToHexStringLower(digest, destination, out _))
            {
                throw new ArgumentException($"The destination must hold {HashLength} characters.", nameof(destination));
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true); // it held the secret
            }
        }
    }

    // One SHA-256 context per thread, reset after each use. The one-shot SHA256.HashData creates and frees an OpenSSL
    // context on every call: about 1 µs of the OFREP hot path, and 5% of the server's CPU under load (perf); a reused
    // context halves that (docs/benchmarks.md).
    [ThreadStatic]
    private static IncrementalHash? threadSha256;

    private static void HashUtf8(ReadOnlySpan<byte> utf8, Span<byte> digest)
    {
        var sha256 = threadSha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            sha256.AppendData(utf8);
            sha256.GetHashAndReset(digest);
        }
        catch
        {
            // A context left mid-hash would corrupt the next one: start afresh.
            threadSha256 = null;
            sha256.Dispose();
            throw;
        }
    }

    /// <summary>A new random secret: the prefix and 32 random bytes, base64url.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
