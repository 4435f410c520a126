using Npgsql;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Storage.Postgres;

/// <summary>
/// Npgsql's own timeouts, brought within <see cref="StoreCall.Deadline"/> where the connection string leaves them at
/// Npgsql's defaults. The deadline's cancellation is what bounds a call; these make Npgsql give up by itself as well,
/// and quickly, so a cancelled statement does not wait 2 s for a hung server to confirm. (Npgsql's cancel request
/// itself opens a connection, which a hung server accepts and never answers: that is why StoreCall also stops waiting.)
/// </summary>
internal static class PostgresTimeouts
{
    private const int NpgsqlDefaultConnectSeconds = 15;
    private const int NpgsqlDefaultCancellationMilliseconds = 2000;

    /// <summary>Lowers the connect and cancellation timeouts that are at Npgsql's defaults.</summary>
    public static void Apply(NpgsqlConnectionStringBuilder builder)
    {
        if (builder.Timeout == NpgsqlDefaultConnectSeconds)
        {
            builder.Timeout = (int)Math.Ceiling(StoreCall.Deadline.TotalSeconds);
        }

        if (builder.CancellationTimeout == NpgsqlDefaultCancellationMilliseconds)
        {
            // After asking the server to cancel, wait this long for it before breaking the connection.
            builder.CancellationTimeout = 500;
        }
    }
}
