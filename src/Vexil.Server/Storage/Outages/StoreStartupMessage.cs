using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Vexil.Server.Storage.Outages;

/// <summary>
/// The one line printed when the database cannot be used at start-up: what went wrong, with the connection's host,
/// port, database and user (never its password), and which part of <c>ConnectionStrings:Vexil</c> to check.
/// </summary>
public static class StoreStartupMessage
{
    private const int SqliteCantOpen = 14;

    /// <summary>The line for <paramref name="exception"/>, or null when it is not a database problem (a bug keeps its stack trace).</summary>
    public static string? Describe(Exception exception, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        if (exception is StoreSchemaException schema)
        {
            return schema.Message;
        }

        return options.Provider == StorageOptions.Postgres ? DescribePostgres(exception, options.ConnectionString) : DescribeSqlite(exception, options.ConnectionString);
    }

    private static string? DescribePostgres(Exception exception, string connectionString)
    {
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var where = $"PostgreSQL at {settings.Host}:{settings.Port}";
        var postgres = Find<PostgresException>(exception);
        switch (postgres?.SqlState)
        {
            case PostgresErrorCodes.InvalidPassword:
            case PostgresErrorCodes.InvalidAuthorizationSpecification:
                return $"{where} refused user '{settings.Username}' ({postgres.MessageText}); check Username and Password in ConnectionStrings:Vexil.";
            case PostgresErrorCodes.InvalidCatalogName:
                return $"{where} has no database '{settings.Database}'; create it, or fix Database in ConnectionStrings:Vexil.";
            case PostgresErrorCodes.CannotConnectNow:
            case PostgresErrorCodes.TooManyConnections:
                return $"{where} refused the connection ({postgres.MessageText}); retry when it accepts connections.";
        }

        var socket = Find<SocketException>(exception);
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return $"{where} refused the connection; check Host and Port in ConnectionStrings:Vexil, and that PostgreSQL is running and listening there.";
        }

        if (socket?.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
        {
            return $"The host '{settings.Host}' named in ConnectionStrings:Vexil could not be resolved; check Host.";
        }

        if (Find<TimeoutException>(exception) is not null || exception is OperationCanceledException)
        {
            return $"{where} did not answer within {settings.Timeout} s; check Host and Port in ConnectionStrings:Vexil, and that PostgreSQL is running and reachable.";
        }

        return StoreFailures.Classify(exception) is { } outage
            ? $"{where} cannot be used ({outage.Reason}: {Innermost(exception).Message}); check ConnectionStrings:Vexil and the server."
            : null;
    }

    private static string? DescribeSqlite(Exception exception, string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (Find<SqliteException>(exception) is { SqliteErrorCode: SqliteCantOpen })
        {
            return $"SQLite could not open '{file}'; check that ConnectionStrings:Vexil names a file in a folder Vexil may write.";
        }

        if (exception is UnauthorizedAccessException or IOException)
        {
            return $"Vexil could not create the folder of '{file}' ({exception.Message}); check ConnectionStrings:Vexil and the folder's permissions.";
        }

        return StoreFailures.Classify(exception) is { } outage
            ? $"SQLite cannot use '{file}' ({outage.Reason}); check ConnectionStrings:Vexil and the file."
            : null;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}
