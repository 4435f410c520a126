using Microsoft.Extensions.Options;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// Counts open change streams per token and per client address, and refuses one more beyond
/// <see cref="StreamOptions.MaxPerToken"/> or <see cref="StreamOptions.MaxPerAddress"/>. Streams open and close
/// rarely (not per evaluation), so one lock is enough.
/// </summary>
internal sealed class StreamLimits(IOptions<StreamOptions> options)
{
    private readonly Lock sync = new();
    private readonly Dictionary<long, int> perToken = [];
    private readonly Dictionary<string, int> perAddress = new(StringComparer.Ordinal);

    /// <summary>Streams open now.</summary>
    public int Open { get; private set; }

    /// <summary>Takes a place for a stream; dispose the lease when it ends. Null, with the reason, at a limit.</summary>
    public IDisposable? TryAcquire(long tokenId, string address, out string? refusal)
    {
        var limits = options.Value;
        lock (sync)
        {
            if (perToken.GetValueOrDefault(tokenId) >= limits.MaxPerToken)
            {
                refusal = $"This token already has {limits.MaxPerToken} change streams open ({StreamOptions.Section}:MaxPerToken): one stream per process is enough; close the others before opening another.";
                return null;
            }

            if (perAddress.GetValueOrDefault(address) >= limits.MaxPerAddress)
            {
                refusal = $"The client address {address} already has {limits.MaxPerAddress} change streams open ({StreamOptions.Section}:MaxPerAddress): close streams it no longer needs, or raise the limit if many clients share the address.";
                return null;
            }

            perToken[tokenId] = perToken.GetValueOrDefault(tokenId) + 1;
            perAddress[address] = perAddress.GetValueOrDefault(address) + 1;
            Open++;
            refusal = null;
            return new Lease(this, tokenId, address);
        }
    }

    private void Release(long tokenId, string address)
    {
        lock (sync)
        {
            Decrement(perToken, tokenId);
            Decrement(perAddress, address);
            Open--;
        }
    }

    // Entries at zero are removed, so the tables hold only clients with streams open.
    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        var left = counts.GetValueOrDefault(key) - 1;
        if (left <= 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = left;
        }
    }

    private sealed class Lease(StreamLimits limits, long tokenId, string address) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                limits.Release(tokenId, address);
            }
        }
    }
}
