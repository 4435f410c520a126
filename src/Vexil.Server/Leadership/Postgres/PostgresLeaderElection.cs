using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Storage.Postgres;

namespace Vexil.Server.Leadership.Postgres;

/// <summary>
/// Leader election among replicas on one PostgreSQL database with a session-level advisory lock per kind of work:
/// <c>pg_try_advisory_lock</c> on a dedicated connection (application name "... leader:&lt;lock&gt;"), held for as long
/// as this process leads. The database releases the lock when that session ends, so a leader that dies, or whose
/// connection is terminated, gives way without anyone having to notice it; a leader that can no longer reach its session
/// stops its work, since it can no longer be sure it holds the lock.
/// </summary>
/// <remarks>
/// The lock's key is a 64-bit hash of the schema and the lock's name, computed by the server
/// (<c>hashtextextended</c>), so two Vexil installations in different schemas of one database do not share leaders.
/// </remarks>
public sealed class PostgresLeaderElection(PostgresDatabase database, IOptions<LeadershipOptions> options, ILogger<PostgresLeaderElection> logger) : ILeaderElection
{
    private const string TryLockSql = "SELECT pg_try_advisory_lock(hashtextextended(current_schema() || ':vexil-leader:' || @name, 0));";

    private readonly ConcurrentDictionary<string, bool> leading = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task RunWhileLeadingAsync(string lockName, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockName);
        ArgumentNullException.ThrowIfNull(work);
        var interval = options.Value.CheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LeadOnceAsync(lockName, work, interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is away or the session was cut: whoever reaches it next leads.
                logger.LogWarning(exception, "Leadership of {Lock}: lost the database session; trying again in {Interval:0.#} s.", lockName, interval.TotalSeconds);
            }

            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc />
    public bool IsLeading(string lockName) => leading.TryGetValue(lockName, out var value) && value;

    // Returns when another replica leads (the caller waits and asks again) or the work ended; throws when the session
    // failed, which ends leadership.
    private async Task LeadOnceAsync(string lockName, Func<CancellationToken, Task> work, TimeSpan interval, CancellationToken stoppingToken)
    {
        var connection = await database.OpenDedicatedConnectionAsync("leader:" + lockName, stoppingToken);
        try
        {
            if (!await TryLockAsync(connection, lockName, stoppingToken))
            {
                return;
            }

            leading[lockName] = true;
            logger.LogInformation("This server now leads {Lock}.", lockName);
            using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var running = Task.Run(() => work(lost.Token), CancellationToken.None);
            try
            {
                while (true)
                {
                    if (await Task.WhenAny(running, Task.Delay(interval, stoppingToken)) == running)
                    {
                        await running;
                        return;
                    }

                    stoppingToken.ThrowIfCancellationRequested();
                    await PostgresSessions.CheckAsync(connection, stoppingToken);
                }
            }
            finally
            {
                // Stop the work before the lock can pass to another replica (it does when the session closes below).
                leading[lockName] = false;
                await lost.CancelAsync();
                await StopAsync(lockName, running);
            }
        }
        finally
        {
            await PostgresSessions.CloseAsync(connection);
        }
    }

    private async Task StopAsync(string lockName, Task running)
    {
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // The work stopped because it was told to.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Leadership of {Lock}: the work failed.", lockName);
        }

        logger.LogInformation("This server no longer leads {Lock}.", lockName);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string lockName, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(StoreCall.Deadline);
        await using var command = new NpgsqlCommand(TryLockSql, connection);
        command.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = lockName });
        return (bool)(await command.ExecuteScalarAsync(deadline.Token).WaitAsync(StoreCall.Deadline + StoreCall.Grace, stoppingToken))!;
    }
}
