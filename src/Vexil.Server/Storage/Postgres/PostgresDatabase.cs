using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using Vexil.Server.Storage.Migrations;

namespace Vexil.Server.Storage.Postgres;

/// <summary>
/// The one handle on Vexil's PostgreSQL database: a single <see cref="NpgsqlDataSource"/> (one connection pool) shared
/// by every store (flags, tokens, incidents, deliveries, seen chat requests), with the timeouts of
/// <see cref="PostgresTimeouts"/> and automatic preparation. Npgsql's metrics and tracing hang off this data source.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>How many statements Npgsql prepares per connection when the connection string leaves it off.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    private readonly string dedicatedConnectionString;
    private readonly string applicationName;

    /// <summary>Creates the handle on a PostgreSQL connection string; nothing is opened until first use.</summary>
    public PostgresDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);

        // The stores run the same few statements over and over: let Npgsql prepare them once per connection, so the
        // server skips parsing and planning on every change (unless the operator chose a setting of their own).
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        PostgresTimeouts.Apply(builder.ConnectionStringBuilder);
        DataSource = builder.Build();

        // Long-lived sessions (the LISTEN connection, a leader's advisory lock) stay out of the pool: they would hold a
        // pooled slot for the process's lifetime, and a session whose lock matters must end when we drop it rather than
        // go back to the pool still holding it.
        var dedicated = new NpgsqlConnectionStringBuilder(builder.ConnectionStringBuilder.ConnectionString) { Pooling = false };
        applicationName = string.IsNullOrWhiteSpace(dedicated.ApplicationName) ? "vexil" : dedicated.ApplicationName;
        dedicatedConnectionString = dedicated.ConnectionString;
    }

    /// <summary>The provider's name, as <c>Vexil:Database:Provider</c> spells it.</summary>
    public string Provider => StorageOptions.Postgres;

    /// <summary>The connection pool every store opens its connections and commands from.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Applies the migrations in one transaction (concurrent start-ups queue on an advisory lock, see PostgresSchemaDialect), in the
    /// connection's current schema. Start-up only.
    /// </summary>
    /// <exception cref="StoreSchemaException">No schema to write to, or the database is not Vexil's, or newer than this build.</exception>
    public async Task MigrateAsync(TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

        await using (var schema = new NpgsqlCommand("SELECT current_schema()::text;", connection, transaction))
        {
            if (await schema.ExecuteScalarAsync(cancellationToken) is not string)
            {
                throw new StoreSchemaException(
                    $"The PostgreSQL database '{connection.Database}' has no schema to write to (search_path names none that exists); create the schema or set 'Search Path' in ConnectionStrings:Vexil.");
            }
        }

        var runner = new MigrationRunner(new PostgresSchemaDialect(), time, logger);
        await runner.RunAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Opens a connection of its own, outside the pool, for a session that lives long and whose end matters (LISTEN, a
    /// session-level advisory lock). Its application name is the configured one (or <c>vexil</c>) followed by
    /// <paramref name="purpose"/>, so an operator can tell these sessions apart in <c>pg_stat_activity</c>. Disposing it
    /// ends the session on the server.
    /// </summary>
    public async Task<NpgsqlConnection> OpenDedicatedConnectionAsync(string purpose, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(dedicatedConnectionString) { ApplicationName = $"{applicationName} {purpose}" }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public void Dispose() => DataSource.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
