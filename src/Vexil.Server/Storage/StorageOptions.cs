namespace Vexil.Server.Storage;

/// <summary>The <c>Vexil:Database</c> configuration section, plus the connection string it goes with.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string Section = "Vexil:Database";

    /// <summary>The SQLite provider name: the embedded default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The PostgreSQL provider name.</summary>
    public const string Postgres = "postgres";

    /// <summary>The connection string used when <c>ConnectionStrings:Vexil</c> is not set.</summary>
    public const string DefaultConnectionString = "Data Source=data/vexil.db";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>From <c>ConnectionStrings:Vexil</c>; <see cref="DefaultConnectionString"/> when unset.</summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>Apply migrations when the host starts (on by default; turn off to run them from a separate job).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
