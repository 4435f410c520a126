using Vexil.Server.Deployments;
using Vexil.Server.Deployments.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.Deployments;

/// <summary>The deployment store contract on a SQLite file of its own.</summary>
public sealed class SqliteDeploymentStoreTests : DeploymentStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-deployments-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IDeploymentStore NewDeploymentStore() => new SqliteDeploymentStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
