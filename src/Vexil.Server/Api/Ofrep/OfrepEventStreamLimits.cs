namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Counts open event streams per token and per client address, and refuses one more beyond
/// <see cref="OfrepEventStreamOptions"/>. Streams open and close rarely (not per evaluation), so one lock is enough.
/// </summary>
internal sealed class OfrepEventStreamLimits(OfrepEventStreamOptions options, OfrepEventStreamGauge gauge)
{
    private readonly Lock sync = new();
    private readonly Dictionary<long, int> perToken = [];
    private readonly Dictionary<string, int> perAddress = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes a place for a stream of <paramref name="tokenId"/> (null for a ticket) from <paramref name="address"/>;
    /// dispose the lease when the stream ends. Null, with the reason, when a limit is reached.
    /// </summary>
    public IDisposable? TryAcquire(long? tokenId, string address, out string? refusal)
    {
        lock (sync)
        {
            if (tokenId is { } id && perToken.GetValueOrDefault(id) >= options.MaxPerToken)
            {
                refusal = $"This token already has {options.MaxPerToken} event streams open ({OfrepOptions.Section}:EventStreams:MaxPerToken): close streams it no longer needs (one per process is enough) before opening another.";
                return null;
            }

            if (perAddress.GetValueOrDefault(address) >= options.MaxPerAddress)
            {
                refusal = $"The client address {address} already has {options.MaxPerAddress} event streams open ({OfrepOptions.Section}:EventStreams:MaxPerAddress): close streams it no longer needs before opening another.";
                return null;
            }

            if (tokenId is { } counted)
            {
                perToken[counted] = perToken.GetValueOrDefault(counted) + 1;
            }

            perAddress[address] = perAddress.GetValueOrDefault(address) + 1;
            gauge.Opened();
            refusal = null;
            return new Lease(this, tokenId, address);
        }
    }

    private void Release(long? tokenId, string address)
    {
        lock (sync)
        {
            if (tokenId is { } id)
            {
                Decrement(perToken, id);
            }

            Decrement(perAddress, address);
            gauge.Closed();
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

    private sealed class Lease(OfrepEventStreamLimits limits, long? tokenId, string address) : IDisposable
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
