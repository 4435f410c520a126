using Vexil.Server.Incidents;
using Vexil.Server.Incidents.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.Incidents;

/// <summary>The incident store contract on a SQLite file of its own.</summary>
public sealed class SqliteIncidentStoreTests : IncidentStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-incidents-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IIncidentStore NewIncidentStore(TimeProvider time) => new SqliteIncidentStore(database.Handle, time);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
