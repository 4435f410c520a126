using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// The stored tokens in memory, so that authenticating a request (every request, evaluations included) is a hash and a
/// dictionary lookup, never a database query.
/// <list type="bullet">
/// <item>Every usable token is held, keyed by hash; the set is reloaded every <see cref="AuthOptions.TokenRefreshInterval"/>
/// and right after this server makes or revokes a token.</item>
/// <item>Expiry is checked on every lookup against the clock, so an expired token fails the moment it expires.</item>
/// <item>A hash that is not in the set is the negative answer: nothing is kept per unknown hash, so memory stays
/// bounded whatever callers send. An unknown hash reloads the set early, at most once per
/// <see cref="AuthOptions.UnknownTokenReloadInterval"/> (concurrent misses share one reload), so a token made on
/// another server works here without waiting for the next refresh.</item>
/// <item>Uses are noted in memory at most once a second per token and written in batches by
/// <see cref="TokenCacheMaintenance"/>.</item>
/// </list>
/// </summary>
internal sealed class TokenCache
{
    private readonly ITokenStore store;
    private readonly TimeProvider time;
    private readonly AuthOptions options;
    private readonly ILogger<TokenCache> logger;
    private readonly SemaphoreSlim reloadGate = new(1, 1);
    private readonly Lock sync = new();

    // Ids revoked through this server. Revocation is final, so keeping them lets a reload that read the table just
    // before the revoke committed never bring the token back.
    private readonly ConcurrentDictionary<long, bool> revokedHere = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> pendingUses = new();

    // One source per token that has something open (an OFREP event stream), cancelled when the token stops being
    // usable here: revoked through this server, revoked elsewhere (signal or reload), or expired at a reload.
    private readonly Dictionary<long, CancellationTokenSource> endings = [];

    private volatile Snapshot current = Snapshot.Empty;
    private DateTimeOffset lastReloadStarted = DateTimeOffset.MinValue;
    private Task? missReload;

    /// <summary>Creates an empty cache; <see cref="ReloadAsync"/> fills it.</summary>
    public TokenCache(ITokenStore store, IOptions<AuthOptions> options, ILogger<TokenCache> logger, TimeProvider? time = null)
    {
        this.store = store;
        this.options = options.Value;
        this.logger = logger;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How many usable tokens are held.</summary>
    public int Count => current.Count;

    /// <summary>The outcome of a lookup that needs no database.</summary>
    public enum Lookup
    {
        /// <summary>A usable token: the principal is set.</summary>
        Found,

        /// <summary>A known token that has expired: rejected, and no reload would change that.</summary>
        Expired,

        /// <summary>No token with this hash is held.</summary>
        Unknown,
    }

    /// <summary>Looks a hash up in memory and notes the use of a token it finds.</summary>
    public Lookup TryAuthenticate(ReadOnlySpan<char> hash, out TokenPrincipal? principal)
    {
        principal = null;
        if (!current.TryGet(hash, out var entry))
        {
            return Lookup.Unknown;
        }

        var now = time.GetUtcNow();
        if (entry.ExpiresAt is { } expires && expires <= now)
        {
            return Lookup.Expired;
        }

        NoteUse(entry, now);
        principal = entry.Principal;
        return Lookup.Found;
    }

    /// <summary>
    /// For a hash <see cref="TryAuthenticate"/> did not know: reloads the set if the last reload is older than
    /// <see cref="AuthOptions.UnknownTokenReloadInterval"/> (sharing a reload already under way), then looks again.
    /// A failing database makes this a plain miss, logged, never an error for the request.
    /// </summary>
    public async ValueTask<TokenPrincipal?> AuthenticateAfterReloadAsync(string hash, CancellationToken cancellationToken)
    {
        Task reload;
        lock (sync)
        {
            if (missReload is { IsCompleted: false } running)
            {
                reload = running;
            }
            else if (time.GetUtcNow() - lastReloadStarted >= options.UnknownTokenReloadInterval)
            {
                reload = missReload = ReloadQuietlyAsync();
            }
            else
            {
                return null;
            }
        }

        await reload.WaitAsync(cancellationToken);
        return TryAuthenticate(hash, out var principal) == Lookup.Found ? principal : null;
    }

    /// <summary>
    /// Replaces the set with the store's usable tokens. Reloads run one at a time, and each reads the table after the
    /// previous one finished, so a reload started after a change always sees it.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await reloadGate.WaitAsync(cancellationToken);
        try
        {
            lock (sync)
            {
                lastReloadStarted = time.GetUtcNow();
            }

            var tokens = await store.ListActiveAsync(cancellationToken);
            List<CancellationTokenSource> ended;
            lock (sync)
            {
                current = current.Rebuild(tokens.Where(token => !revokedHere.ContainsKey(token.Id)));
                ended = TakeEndingsOfTokensNotHeld();
            }

            foreach (var ending in ended)
            {
                ending.Cancel();
            }
        }
        finally
        {
            reloadGate.Release();
        }
    }

    /// <summary>
    /// Stops accepting a token at once, before any reload, and ends what it has open; used right after this server
    /// revokes it, and when another server says it revoked it.
    /// </summary>
    public void Forget(long tokenId)
    {
        revokedHere[tokenId] = true;
        CancellationTokenSource? ending;
        lock (sync)
        {
            current = current.Without(tokenId);
            endings.Remove(tokenId, out ending);
        }

        // Outside the lock: cancelling runs the streams' callbacks. Not disposed: a stream may still be linking to it.
        ending?.Cancel();
    }

    /// <summary>
    /// A cancellation token that is cancelled when <paramref name="tokenId"/> stops being usable on this server (revoked
    /// here or elsewhere, or found expired at a reload); already cancelled when it is not usable now. Long-lived
    /// responses (event streams) end on it.
    /// </summary>
    public CancellationToken EndOf(long tokenId)
    {
        lock (sync)
        {
            // Checked under the lock Forget and reloads take, so a revocation cannot slip between the check and the
            // registration.
            if (revokedHere.ContainsKey(tokenId) || !current.Holds(tokenId))
            {
                return new CancellationToken(canceled: true);
            }

            if (!endings.TryGetValue(tokenId, out var ending))
            {
                ending = new CancellationTokenSource();
                endings[tokenId] = ending;
            }

            return ending.Token;
        }
    }

    // Called under the lock after a reload: a token that left the set (revoked on another server, expired) ends its
    // streams. The caller cancels them outside the lock.
    private List<CancellationTokenSource> TakeEndingsOfTokensNotHeld()
    {
        var ended = new List<CancellationTokenSource>();
        foreach (var tokenId in endings.Keys.Where(id => !current.Holds(id)).ToList())
        {
            endings.Remove(tokenId, out var ending);
            ended.Add(ending!);
        }

        return ended;
    }

    /// <summary>Writes the noted uses to the store in one batch; uses noted meanwhile wait for the next flush.</summary>
    public async Task FlushUsesAsync(CancellationToken cancellationToken)
    {
        var batch = pendingUses.ToArray();
        if (batch.Length == 0)
        {
            return;
        }

        await store.RecordUseAsync(batch.Select(pair => new TokenUse(pair.Key, pair.Value)).ToArray(), cancellationToken);

        // Remove exactly what was written: a newer time noted during the write stays for the next flush.
        foreach (var pair in batch)
        {
            pendingUses.TryRemove(pair);
        }
    }

    private void NoteUse(Entry entry, DateTimeOffset now)
    {
        // At most once a second per token: under load the entry is read by every request but written rarely.
        var ticks = now.UtcTicks;
        if (ticks - Volatile.Read(ref entry.LastNotedTicks) < TimeSpan.TicksPerSecond)
        {
            return;
        }

        Volatile.Write(ref entry.LastNotedTicks, ticks);
        pendingUses[entry.Principal.Id] = now;
    }

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not reload the stored tokens for an unknown token; tokens already loaded keep working.");
        }
    }

    private sealed class Entry(TokenPrincipal principal, string hash, DateTimeOffset? expiresAt)
    {
        public TokenPrincipal Principal { get; } = principal;

        public string Hash { get; } = hash;

        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public long LastNotedTicks;
    }

    // Immutable once published: readers take the reference and look up without locks; writers build a new one.
    private sealed class Snapshot
    {
        public static readonly Snapshot Empty = new([]);

        private readonly Dictionary<string, Entry> byHash;
        private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> bySpan;
        private readonly HashSet<long> ids;

        private Snapshot(IEnumerable<Entry> entries)
        {
            byHash = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                byHash[entry.Hash] = entry;
            }

            bySpan = byHash.GetAlternateLookup<ReadOnlySpan<char>>();
            ids = [.. byHash.Values.Select(entry => entry.Principal.Id)];
        }

        public int Count => byHash.Count;

        public bool TryGet(ReadOnlySpan<char> hash, [MaybeNullWhen(false)] out Entry entry) => bySpan.TryGetValue(hash, out entry);

        public bool Holds(long tokenId) => ids.Contains(tokenId);

        public Snapshot Rebuild(IEnumerable<StoredToken> tokens) =>
            new(tokens.Select(token => new Entry(TokenPrincipal.From(token), token.Hash, token.ExpiresAt)
            {
                // Keep the throttle state of tokens already held, so a reload does not re-note every token's use.
                LastNotedTicks = byHash.TryGetValue(token.Hash, out var old) ? Volatile.Read(ref old.LastNotedTicks) : 0,
            }));

        public Snapshot Without(long tokenId) => new(byHash.Values.Where(entry => entry.Principal.Id != tokenId));
    }
}
