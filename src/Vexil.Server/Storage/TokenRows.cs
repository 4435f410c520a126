using System.Data.Common;
using System.Text.Json;

namespace Vexil.Server.Storage;

/// <summary>
/// What the token stores share: argument checks (each backend refuses the same mistakes with the same sentences) and
/// the reading of a row, whichever engine it came from.
/// </summary>
internal static class TokenRows
{
    /// <summary>The columns every token query selects, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "id, name, kind, environments, token_hash, created_by, created_at, last_used_at, expires_at, revoked_at";

    /// <summary>Checks a new token; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static void Validate(NewToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(token.Environments, nameof(token));
        if (string.IsNullOrWhiteSpace(token.Name))
        {
            throw new ArgumentException("A token needs a name saying what it is for.", nameof(token));
        }

        // The bootstrap token appears under this name in audit events; a stored token with it could pass for it.
        if (string.Equals(token.Name.Trim(), StoredToken.BootstrapName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{StoredToken.BootstrapName}' is reserved for the bootstrap admin token (Vexil:Auth:BootstrapAdminToken); pick another name.",
                nameof(token));
        }

        if (string.IsNullOrWhiteSpace(token.CreatedBy))
        {
            throw new ArgumentException("A token must say who made it: set CreatedBy.", nameof(token));
        }

        if (!Enum.IsDefined(token.Kind))
        {
            throw new ArgumentException($"Token kind {token.Kind} is not one Vexil knows; use read, write, admin or metrics.", nameof(token));
        }

        // The store holds hashes only: anything that is not a SHA-256 in hex may be a secret passed by mistake.
        if (!IsSha256Hex(token.Hash))
        {
            throw new ArgumentException("A token is stored by the SHA-256 of its secret only: pass TokenHasher.Hash(secret), never the secret.", nameof(token));
        }

        if (token.Environments.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A token's environments must be canonical environment names, none empty.", nameof(token));
        }
    }

    /// <summary>
    /// Marks revoked, at <c>@now</c>, the expired tokens that still hold the name <c>@name</c>: an expired token works no
    /// more, so it must not keep its name from a new token. Runs in the transaction that then inserts the new token.
    /// </summary>
    public const string RetireExpiredHoldersSql =
        "UPDATE tokens SET revoked_at = @now WHERE revoked_at IS NULL AND lower(name) = lower(@name) AND expires_at IS NOT NULL AND expires_at <= @now;";

    /// <summary>The id of the token that is not revoked and holds the name <c>@name</c>.</summary>
    public const string ActiveHolderSql = "SELECT id FROM tokens WHERE revoked_at IS NULL AND lower(name) = lower(@name);";

    /// <summary>The unique index that keeps names of tokens that are not revoked apart (migration 0006_chat_ids_and_token_names).</summary>
    public const string ActiveNameIndex = "tokens_active_name";

    /// <summary>The environments as the JSON array the <c>environments</c> column holds.</summary>
    public static string EnvironmentsJson(IReadOnlyList<string> environments) => JsonSerializer.Serialize(environments);

    /// <summary>Reads the current row of a reader positioned on a <see cref="Columns"/> query.</summary>
    public static StoredToken Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime) =>
        new(
            reader.GetInt64(0),
            reader.GetString(1),
            TokenKinds.FromStored(reader.GetString(2)),
            JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
            reader.GetString(4),
            reader.GetString(5),
            readTime(reader, 6),
            reader.IsDBNull(7) ? null : readTime(reader, 7),
            reader.IsDBNull(8) ? null : readTime(reader, 8),
            reader.IsDBNull(9) ? null : readTime(reader, 9));

    /// <summary>Reads every row of a reader positioned on a <see cref="Columns"/> query.</summary>
    public static async Task<IReadOnlyList<StoredToken>> ReadAllAsync(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTime, CancellationToken cancellationToken)
    {
        var tokens = new List<StoredToken>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(Read(reader, readTime));
        }

        return tokens;
    }

    /// <summary>
    /// An instant cut to whole microseconds in UTC: PostgreSQL keeps no finer, and both stores cut alike so a token
    /// written and read back is the same token.
    /// </summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    private static bool IsSha256Hex(string? hash) =>
        hash is { Length: 64 } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
