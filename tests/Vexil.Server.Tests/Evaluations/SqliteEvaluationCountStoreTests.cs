using Vexil.Server.Evaluations;
using Vexil.Server.Evaluations.Sqlite;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Sqlite;
using Vexil.Server.Tests.Storage.Sqlite;

namespace Vexil.Server.Tests.Evaluations;

/// <summary>The evaluation count store contract on a SQLite file of its own.</summary>
public sealed class SqliteEvaluationCountStoreTests : EvaluationCountStoreContract
{
    private readonly SqliteTestDatabase database = new("vexil-evaluations-");

    /// <inheritdoc />
    protected override IFlagStore NewFlagStore(TimeProvider time) => new SqliteFlagStore(database.Handle, time: time);

    /// <inheritdoc />
    protected override IEvaluationCountStore NewEvaluationStore() => new SqliteEvaluationCountStore(database.Handle);

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();
}
