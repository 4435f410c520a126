using Vexil.Server.Deployments;
using Vexil.Server.Deployments.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Deployments;

/// <summary>The deployment store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDeploymentStoreTests(PostgresClusterFixture fixture) : DeploymentStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_deployments");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IDeploymentStore NewDeploymentStore() => new PostgresDeploymentStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
