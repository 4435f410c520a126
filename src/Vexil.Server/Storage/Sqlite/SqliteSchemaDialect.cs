using System.Data.Common;
using Vexil.Server.Storage.Migrations;

namespace Vexil.Server.Storage.Sqlite;

/// <summary>SQLite's side of the migration runner.</summary>
internal sealed class SqliteSchemaDialect(string databasePath) : SchemaDialect
{
    /// <inheritdoc />
    public override string ProviderFolder => "sqlite";

    /// <summary>None: the caller's <c>BEGIN IMMEDIATE</c> already holds the file's write lock.</summary>
    public override string? LockSql => null;

    /// <inheritdoc />
    public override string ListTablesSql =>
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    /// <inheritdoc />
    public override string CreateBookkeepingSql => """
        CREATE TABLE IF NOT EXISTS vexil_meta (
            key   TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS vexil_schema_migrations (
            version    INTEGER NOT NULL PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        );
        INSERT INTO vexil_meta (key, value) VALUES ('application', 'vexil') ON CONFLICT (key) DO NOTHING;
        INSERT INTO vexil_meta (key, value) VALUES ('created_at', @now) ON CONFLICT (key) DO NOTHING;
        """;

    /// <inheritdoc />
    public override object TimeValue(DateTimeOffset time) => SqliteTime.Format(time);

    /// <inheritdoc />
    public override Task<string> DescribeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult($"The SQLite database '{databasePath}'");
}
