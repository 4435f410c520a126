using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>The rollout store contract on a SQLite file.</summary>
public sealed class SqliteRolloutStoreTests : RolloutStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-rollouts-");

    /// <inheritdoc />
    protected override async Task<(IFlagStore Flags, IRolloutStore Plans)> NewStoresAsync()
    {
        var handle = database.NewHandle();
        var flags = new SqliteFlagStore(handle, time: Clock);
        await flags.InitializeAsync(Cancel);
        return (flags, new SqliteRolloutStore(handle, Clock));
    }

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
