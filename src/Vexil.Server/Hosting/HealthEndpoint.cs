using Vexil.Server.Environments;
using Vexil.Server.Leadership;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Hosting;

/// <summary>
/// <c>GET /health</c>: 200 when the database answers a ping within its deadline, 503 when it does not; the body says
/// why and what this replica still serves from memory: since when the database has not answered, whether the change
/// signal (PostgreSQL LISTEN) is in place, which once-per-cluster work this replica leads, and each environment's
/// snapshot (its sequence number and seconds since it was last known to equal the database).
/// </summary>
internal static class HealthEndpoint
{
    /// <summary>The message of an unhealthy answer; monitoring and tests match on it.</summary>
    public const string DatabaseDoesNotAnswer = "The database does not answer.";

    /// <summary>Maps the endpoint.</summary>
    public static RouteHandlerBuilder MapVexilHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/health", AnswerAsync);

    private static async Task<IResult> AnswerAsync(
        IFlagStore store,
        SyncStatus status,
        SnapshotCache snapshots,
        EnvironmentCatalog environments,
        ILeaderElection leaders,
        CancellationToken cancellationToken)
    {
        var answers = await store.PingAsync(cancellationToken);
        if (answers)
        {
            status.StoreAnswered();
        }
        else
        {
            status.StoreFailed();
        }

        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = answers ? "healthy" : "unhealthy",
            ["store"] = store.Provider,
        };
        if (!answers)
        {
            body["message"] = DatabaseDoesNotAnswer;
        }

        // The poll may have seen the outage before this ping did: its time is the earlier, truer one.
        body["database"] = answers ? "reachable" : $"unreachable since {status.UnreachableSince ?? DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}";
        if (status.Listener is { } listener)
        {
            body["listener"] = listener;
        }

        body["leader"] = LeaderLocks.All.ToDictionary(name => name, leaders.IsLeading, StringComparer.Ordinal);
        body["snapshots"] = environments.All.ToDictionary(
            environment => environment.Name,
            environment => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["sequence"] = snapshots.Get(environment.Name).Sequence,
                ["age_seconds"] = snapshots.Age(environment.Name) is { } age ? Math.Round(age.TotalSeconds, 3) : null,
            },
            StringComparer.Ordinal);
        return answers ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
