using Vexil.Server.Incidents;
using Vexil.Server.Incidents.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Incidents;

/// <summary>The incident store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIncidentStoreTests(PostgresClusterFixture fixture) : IncidentStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_incidents");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IIncidentStore NewIncidentStore(TimeProvider time) => new PostgresIncidentStore(database.Handle, time);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
