using Vexil.Server.Rollouts;
using Vexil.Server.Rollouts.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>The rollout store contract on a real PostgreSQL (the shared throwaway cluster), a database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRolloutStoreTests(PostgresClusterFixture fixture) : RolloutStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_rollouts");

    /// <inheritdoc />
    protected override async Task<(IFlagStore Flags, IRolloutStore Plans)> NewStoresAsync()
    {
        var handle = database.NewHandle();
        var flags = new PostgresFlagStore(handle, time: Clock);
        await flags.InitializeAsync(Cancel);
        return (flags, new PostgresRolloutStore(handle, Clock));
    }

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
