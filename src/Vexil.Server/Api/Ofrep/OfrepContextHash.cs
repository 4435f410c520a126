namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// A 64-bit FNV-1a hash of an actor list, for the bulk ETag: the bulk answer depends on the context only through
/// its actors, so two contexts with the same actors share cached answers. Not a security boundary: a caller who
/// forges a collision only confuses its own cache.
/// </summary>
internal static class OfrepContextHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>Hashes the actors in order, each with its length so that ["ab"] and ["a", "b"] differ.</summary>
    public static ulong Of(ReadOnlySpan<string> actors)
    {
        var hash = OffsetBasis;
        foreach (var actor in actors)
        {
            hash = Mix(hash, (uint)actor.Length);
            foreach (var c in actor)
            {
                hash = Mix(hash, c);
            }
        }

        return hash;
    }

    private static ulong Mix(ulong hash, uint value)
    {
        hash = (hash ^ (value & 0xFF)) * Prime;
        hash = (hash ^ ((value >> 8) & 0xFF)) * Prime;
        hash = (hash ^ ((value >> 16) & 0xFF)) * Prime;
        return (hash ^ (value >> 24)) * Prime;
    }
}
