using Vexil.Server.Evaluations;
using Vexil.Server.Evaluations.Postgres;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Tests.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Evaluations;

/// <summary>The evaluation count store contract on the shared throwaway PostgreSQL cluster, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEvaluationCountStoreTests(PostgresClusterFixture fixture) : EvaluationCountStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_evaluations");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new PostgresFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IEvaluationCountStore NewEvaluationStore() => new PostgresEvaluationCountStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
