using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Vexil.Server.Storage.Migrations;

/// <summary>
/// Brings a database to the schema this build knows, inside one transaction the caller opened and commits: checks
/// the database is Vexil's (or empty), refuses a newer schema, then applies the missing scripts in order and records
/// each in <c>vexil_schema_migrations</c>. Running it again finds nothing to do, so every start-up may run it.
/// </summary>
internal sealed class MigrationRunner(SchemaDialect dialect, TimeProvider time, ILogger logger)
{
    /// <summary>The table that marks a database as Vexil's.</summary>
    public const string MetaTable = "vexil_meta";

    /// <summary>The table that records applied migrations.</summary>
    public const string MigrationsTable = "vexil_schema_migrations";

    /// <summary>The value of the <c>application</c> key in <see cref="MetaTable"/>.</summary>
    public const string ApplicationName = "vexil";

    /// <summary>Applies pending migrations; returns those applied (none when the schema was current).</summary>
    public async Task<IReadOnlyList<Migration>> RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var migrations = MigrationCatalog.For(dialect.ProviderFolder);
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;

        if (dialect.LockSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, [], cancellationToken);
        }

        var tables = await ReadStringsAsync(connection, transaction, dialect.ListTablesSql, cancellationToken);
        var applied = new HashSet<int>();
        if (tables.Count > 0)
        {
            await EnsureVexilsAsync(connection, transaction, tables, cancellationToken);
            if (tables.Contains(MigrationsTable, StringComparer.Ordinal))
            {
                foreach (var version in await ReadStringsAsync(connection, transaction, $"SELECT CAST(version AS TEXT) FROM {MigrationsTable}", cancellationToken))
                {
                    applied.Add(int.Parse(version, CultureInfo.InvariantCulture));
                }
            }

            var newest = applied.Count == 0 ? 0 : applied.Max();
            if (newest > known)
            {
                var description = await dialect.DescribeAsync(connection, transaction, cancellationToken);
                throw new StoreSchemaException(
                    $"{description} was written by a newer Vexil (schema {newest}, this build knows up to {known}); " +
                    "upgrade Vexil or point ConnectionStrings:Vexil at another database.");
            }
        }

        var now = dialect.TimeValue(AuditClock.Now(time));
        await ExecuteAsync(connection, transaction, dialect.CreateBookkeepingSql, [("now", now)], cancellationToken);

        var pending = migrations.Where(migration => !applied.Contains(migration.Version)).ToList();
        foreach (var migration in pending)
        {
            logger.LogInformation("Applying {Provider} schema migration {Version} ({Name})", dialect.ProviderFolder, migration.Version, migration.Name);
            await ExecuteAsync(connection, transaction, migration.Sql, [], cancellationToken);
            await ExecuteAsync(
                connection,
                transaction,
                dialect.RecordMigrationSql,
                [("version", migration.Version), ("name", migration.Name), ("now", now)],
                cancellationToken);
        }

        if (pending.Count == 0)
        {
            logger.LogDebug("The {Provider} schema is current (version {Version})", dialect.ProviderFolder, known);
        }

        return pending;
    }

    private async Task EnsureVexilsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        string? application = null;
        if (tables.Contains(MetaTable, StringComparer.Ordinal))
        {
            var values = await ReadStringsAsync(connection, transaction, $"SELECT value FROM {MetaTable} WHERE key = 'application'", cancellationToken);
            application = values.Count > 0 ? values[0] : null;
        }

        if (application == ApplicationName)
        {
            return;
        }

        var description = await dialect.DescribeAsync(connection, transaction, cancellationToken);
        if (application is not null)
        {
            throw new StoreSchemaException(
                $"{description} belongs to '{application}', not Vexil; point ConnectionStrings:Vexil at an empty database or one that Vexil created.");
        }

        var shown = string.Join(", ", tables.Take(5)) + (tables.Count > 5 ? ", ..." : string.Empty);
        throw new StoreSchemaException(
            $"{description} already holds tables that are not Vexil's ({shown}); point ConnectionStrings:Vexil at an empty database or one that Vexil created.");
    }

    private static async Task ExecuteAsync(
        DbConnection connection,
        DbTransaction transaction,
        string sql,
        IReadOnlyList<(string Name, object Value)> parameters,
        CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction transaction, string sql, IReadOnlyList<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
