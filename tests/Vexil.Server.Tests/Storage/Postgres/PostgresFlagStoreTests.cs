using Npgsql;
using Vexil.Core.State;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Postgres;
using Xunit;

namespace Vexil.Server.Tests.Storage.Postgres;

/// <summary>
/// The store contract on a real PostgreSQL server (a throwaway cluster shared by the collection), each test in a
/// database of its own; plus what only PostgreSQL has.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFlagStoreTests(PostgresClusterFixture fixture) : FlagStoreContract
{
    private readonly PostgresTestDatabase database = new(fixture, "vexil_test");

    /// <inheritdoc />
    protected override IFlagStore NewStore(TimeProvider time) => new PostgresFlagStore(database.NewHandle(), time: time);

    /// <inheritdoc />
    protected override async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await OpenDirectAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <inheritdoc />
    protected override Task<object?> ScalarAsync(string sql) => database.ScalarAsync(sql);

    /// <inheritdoc />
    protected override string TableCountSql(string table) =>
        $"SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'";

    /// <inheritdoc />
    protected override string RejectAuditInsertsSql(string flag) => $"""
        CREATE FUNCTION reject_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'simulated failure'; END;
        $$;
        CREATE TRIGGER reject_audit BEFORE INSERT ON audit_events
            FOR EACH ROW WHEN (NEW.flag = '{flag}') EXECUTE FUNCTION reject_audit();
        """;

    /// <inheritdoc />
    protected override ValueTask DropDatabaseAsync() => database.DropAsync();

    [Fact]
    public async Task The_audit_trigger_rejects_update_delete_and_truncate_with_its_own_error()
    {
        var store = await OpenStoreAsync();
        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteSqlAsync("UPDATE audit_events SET reason = 'rewritten'"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteSqlAsync("DELETE FROM audit_events WHERE flag = 'my_flag'"));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteSqlAsync("TRUNCATE audit_events"));

        Assert.Equal("audit_events is append-only: UPDATE is not allowed", update.MessageText);
        Assert.Equal("audit_events is append-only: DELETE is not allowed", delete.MessageText);
        Assert.Equal("audit_events is append-only: TRUNCATE is not allowed", truncate.MessageText);
        Assert.All([update, delete, truncate], error => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState));
        Assert.Equal("rollout", await ScalarAsync("SELECT reason FROM audit_events"));
    }

    [Fact]
    public async Task A_committed_change_is_signalled_to_listeners_in_other_processes_and_a_refused_one_is_not()
    {
        var writer = await OpenStoreAsync();
        var listener = (IChangeSignal)Track(NewStore(Clock));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        stop.CancelAfter(TimeSpan.FromSeconds(60)); // a bound against hanging, not a speed check
        await using var signals = listener.ListenAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        // First the listener says it is in place (null: catch up now); every commit after that is signalled.
        Assert.True(await signals.MoveNextAsync());
        Assert.Null(signals.Current);

        // The refused change comes first: had it been signalled, "dev" would be heard first.
        await writer.ApplyAsync(ChangeRequest.Update("dev", "my_flag", Origin(), GateOperation.RemoveOptOut("User:1")), Cancel);
        await writer.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableBoolean()), Cancel);

        Assert.True(await signals.MoveNextAsync());
        Assert.Equal(Staging, signals.Current);
    }

    [Fact]
    public async Task A_terminated_listen_session_ends_the_signal_with_an_error_so_the_caller_listens_again()
    {
        await OpenStoreAsync();
        var listener = (IChangeSignal)Track(NewStore(Clock));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        stop.CancelAfter(TimeSpan.FromSeconds(60)); // a bound against hanging, not a speed check
        await using var signals = listener.ListenAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await signals.MoveNextAsync());

        // The listener has a session of its own, named for what it does, outside the pool.
        Assert.Equal(1L, await ScalarAsync("SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE application_name = 'vexil listener' AND datname = current_database()"));

        await Assert.ThrowsAnyAsync<Exception>(async () => await signals.MoveNextAsync());
        Assert.False(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task Flag_states_are_stored_as_jsonb_in_the_documented_shape()
    {
        var store = await OpenStoreAsync();

        await store.ApplyAsync(ChangeRequest.Update(Staging, "my_flag", Origin(), GateOperation.EnableActor("User:1"), GateOperation.SetPercentageOfTime(Core.Gates.Percentage.Parse("0.5"))), Cancel);

        Assert.Equal("0.5", await ScalarAsync("SELECT state->>'percentage_of_time' FROM flags"));
        Assert.Equal("User:1", await ScalarAsync("SELECT state->'actors'->>0 FROM flags"));
        Assert.Equal(false, await ScalarAsync("SELECT (state->>'boolean')::boolean FROM flags"));
    }

    [Fact]
    public async Task A_vexil_schema_beside_another_applications_tables_in_another_schema_is_fine()
    {
        // Vexil only looks at its own schema: other schemas of the database are none of its business.
        await ExecuteSqlAsync("CREATE SCHEMA billing; CREATE TABLE billing.invoices (id integer PRIMARY KEY);");

        var store = await OpenStoreAsync();

        Assert.True(await store.PingAsync(Cancel));
    }

    [Fact]
    public async Task Ping_is_false_when_the_server_is_unreachable()
    {
        fixture.Require();
        var unreachable = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var store = Track(new PostgresFlagStore(database.NewHandle(unreachable)));

        Assert.False(await store.PingAsync(Cancel));
    }

    private string ConnectionString => database.ConnectionString;

    private async Task<NpgsqlConnection> OpenDirectAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Cancel);
        return connection;
    }
}
