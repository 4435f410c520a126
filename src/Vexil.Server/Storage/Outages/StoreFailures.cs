using System.Globalization;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vexil.Server.Storage.Outages;

/// <summary>
/// Tells an outage (the database is away, busy or refusing us) from every other failure (a bug, a constraint, bad
/// data), and words it for people. Only outages become <see cref="StoreUnavailableException"/>; the rest stay what they
/// are, so a real bug still surfaces as one.
/// </summary>
public static class StoreFailures
{
    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>
    /// When <paramref name="exception"/> (or an exception inside it) is an outage: a short reason, and whether the
    /// failure certainly came before anything reached the database (a refused connection, a locked file). Null when it
    /// is not an outage.
    /// </summary>
    public static (string Reason, bool NothingSent)? Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (ClassifyOne(current) is { } outage)
            {
                return outage;
            }
        }

        return null;
    }

    /// <summary>The sentence for an outage, by what the call was doing.</summary>
    public static string Message(string reason, StoreCallKind kind, bool mayHaveApplied) => kind switch
    {
        StoreCallKind.Read => $"The database is unavailable ({reason}); retry in a few seconds.",
        _ when mayHaveApplied =>
            $"The database stopped answering during the change ({reason}), so it may or may not have been applied; check the current state (for flag changes, the audit log) before retrying.",
        _ => $"The database is unavailable ({reason}), so the change was not made; retry in a few seconds.",
    };

    /// <summary>The reason for a call that ran past its deadline.</summary>
    public static string DeadlineReason(string provider, TimeSpan deadline) =>
        string.Create(CultureInfo.InvariantCulture, $"{ProviderName(provider)} did not answer within {deadline.TotalSeconds:0.#} s");

    private static (string Reason, bool NothingSent)? ClassifyOne(Exception exception) => exception switch
    {
        PostgresException postgres => ClassifyPostgres(postgres),
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => ("PostgreSQL refused the connection", true),
        NpgsqlException { InnerException: TimeoutException } => ("PostgreSQL did not answer in time", false),
        NpgsqlException npgsql when npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase) => ("every PostgreSQL connection is busy", true),
        NpgsqlException => ("the connection to PostgreSQL failed", false),
        SqliteException sqlite => ClassifySqlite(sqlite),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => ("the database refused the connection", true),
        SocketException => ("the connection to the database failed", false),
        TimeoutException => ("the database did not answer in time", false),
        IOException => ("the connection to the database failed", false),
        _ => null,
    };

    private static (string Reason, bool NothingSent)? ClassifyPostgres(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => ("PostgreSQL is shutting down", false),
        PostgresErrorCodes.CannotConnectNow => ("PostgreSQL is starting up or shutting down", true),
        PostgresErrorCodes.TooManyConnections => ("PostgreSQL has no free connection", true),
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => ("PostgreSQL refused the credentials in ConnectionStrings:Vexil", true),
        PostgresErrorCodes.InvalidCatalogName => ("the database named in ConnectionStrings:Vexil does not exist", true),
        PostgresErrorCodes.QueryCanceled => ("PostgreSQL cancelled the statement (statement_timeout)", false),
        PostgresErrorCodes.ReadOnlySqlTransaction => ("PostgreSQL is read-only (a standby, or a failover under way)", true),
        PostgresErrorCodes.DiskFull => ("PostgreSQL's disk is full", false),
        { } state when state.StartsWith("08", StringComparison.Ordinal) => ("the connection to PostgreSQL failed", false),
        _ => null,
    };

    private static (string Reason, bool NothingSent)? ClassifySqlite(SqliteException exception) => exception.SqliteErrorCode switch
    {
        SqliteBusy or SqliteLocked => ("the SQLite file is locked by another connection or process", true),
        SqliteCantOpen => ("SQLite could not open the database file", true),
        SqliteIoError => ("SQLite could not read or write the database file", false),
        SqliteFull => ("the disk holding the SQLite file is full", false),
        _ => null,
    };

    private static string ProviderName(string provider) => provider switch
    {
        StorageOptions.Postgres => "PostgreSQL",
        StorageOptions.Sqlite => "SQLite",
        _ => "the database",
    };
}
