using System.Data.Common;
using Vexil.Server.Storage.Migrations;

namespace Vexil.Server.Storage.Postgres;

/// <summary>PostgreSQL's side of the migration runner. Everything lives in the connection's current schema.</summary>
internal sealed class PostgresSchemaDialect : SchemaDialect
{
    /// <summary>
    /// The advisory lock that keeps concurrent start-ups (several replicas rolling out at once) from migrating the
    /// same database together: "VEXL" followed by 1.
    /// </summary>
    public const long MigrationLockKey = 0x5645_584C_0000_0001;

    /// <inheritdoc />
    public override string ProviderFolder => "postgres";

    /// <inheritdoc />
    public override string? LockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey});";

    /// <inheritdoc />
    public override string ListTablesSql => """
        SELECT c.relname::text
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
        ORDER BY c.relname;
        """;

    /// <inheritdoc />
    public override string CreateBookkeepingSql => """
        CREATE TABLE IF NOT EXISTS vexil_meta (
            key   text NOT NULL PRIMARY KEY,
            value text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS vexil_schema_migrations (
            version    integer     NOT NULL PRIMARY KEY,
            name       text        NOT NULL,
            applied_at timestamptz NOT NULL
        );
        INSERT INTO vexil_meta (key, value) VALUES ('application', 'vexil') ON CONFLICT (key) DO NOTHING;
        INSERT INTO vexil_meta (key, value) VALUES ('created_at', to_char(@now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ON CONFLICT (key) DO NOTHING;
        """;

    /// <inheritdoc />
    public override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    /// <inheritdoc />
    public override async Task<string> DescribeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT current_database()::text, coalesce(current_schema()::text, '');";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"The PostgreSQL database '{reader.GetString(0)}' (schema '{reader.GetString(1)}')";
    }
}
