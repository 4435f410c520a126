using System.Data.Common;

namespace Vexil.Server.Storage.Migrations;

/// <summary>What the <see cref="MigrationRunner"/> needs to know about one database engine.</summary>
internal abstract class SchemaDialect
{
    /// <summary>The folder under <c>Storage/Migrations</c> that holds this engine's scripts.</summary>
    public abstract string ProviderFolder { get; }

    /// <summary>A statement run first in the migration transaction to keep concurrent start-ups apart, or null.</summary>
    public abstract string? LockSql { get; }

    /// <summary>A query listing the tables and views Vexil would share a namespace with (one text column).</summary>
    public abstract string ListTablesSql { get; }

    /// <summary>
    /// Creates <c>vexil_meta</c> (marking the database as Vexil's) and <c>vexil_schema_migrations</c> if they are
    /// missing. Takes <c>@now</c>.
    /// </summary>
    public abstract string CreateBookkeepingSql { get; }

    /// <summary>Records one applied migration. Takes <c>@version</c>, <c>@name</c> and <c>@now</c>.</summary>
    public virtual string RecordMigrationSql =>
        "INSERT INTO vexil_schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)";

    /// <summary>How this engine stores a point in time in a parameter.</summary>
    public abstract object TimeValue(DateTimeOffset time);

    /// <summary>Names the database for people, e.g. "The SQLite database 'data/vexil.db'".</summary>
    public abstract Task<string> DescribeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
