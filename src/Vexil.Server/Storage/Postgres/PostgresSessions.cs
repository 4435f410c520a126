using System.Data.Common;
using Npgsql;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Storage.Postgres;

/// <summary>
/// Care of the long-lived dedicated sessions (<see cref="PostgresDatabase.OpenDedicatedConnectionAsync"/>): the LISTEN
/// connection and a leader's advisory-lock connection. Both sit idle for long stretches, and a database that went away
/// without closing the socket (a frozen host, a dropped network path) would leave such a session looking open for as
/// long as the kernel keeps it; so their owners check them now and then, within a deadline.
/// </summary>
public static class PostgresSessions
{
    /// <summary>
    /// Asks the session <c>SELECT 1</c> within <see cref="StoreCall.Deadline"/>, and stops waiting
    /// <see cref="StoreCall.Grace"/> later if a frozen server does not honour even the cancellation.
    /// </summary>
    /// <exception cref="TimeoutException">The server did not answer in time.</exception>
    /// <exception cref="DbException">The session is gone (terminated, or the server restarted).</exception>
    public static async Task CheckAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StoreCall.Deadline);
        await using var check = new NpgsqlCommand("SELECT 1;", connection);
        await check.ExecuteScalarAsync(deadline.Token).WaitAsync(StoreCall.Deadline + StoreCall.Grace, cancellationToken);
    }

    /// <summary>
    /// Closes a session that may be broken or mid-command. Closing one whose last command never answered can itself
    /// wait on the socket: it gets <see cref="StoreCall.Grace"/>, then is left to finish in the background rather than
    /// hold up the caller's reconnect. The session ends on the server when its socket does.
    /// </summary>
    public static async Task CloseAsync(NpgsqlConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            await connection.DisposeAsync().AsTask().WaitAsync(StoreCall.Grace);
        }
        catch (Exception exception) when (exception is TimeoutException or DbException or IOException or InvalidOperationException)
        {
            // Nothing here depends on a clean close.
        }
    }
}
