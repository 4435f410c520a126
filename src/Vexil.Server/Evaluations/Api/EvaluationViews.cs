using System.Text.Json.Serialization;

namespace Vexil.Server.Evaluations.Api;

/// <summary>The answer to <c>POST /api/v1/metrics</c>.</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Recorded">How many flags' counts were stored.</param>
/// <param name="Ignored">Flags the environment does not know; their counts were not stored.</param>
public sealed record EvaluationReportAnswer(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("recorded")] int Recorded,
    [property: JsonPropertyName("ignored")] IReadOnlyList<string> Ignored);

/// <summary>The answer to <c>GET /api/v1/flags/{name}/evaluations</c>.</summary>
/// <param name="Flag">The flag's name.</param>
/// <param name="Environments">One row per readable environment, in the catalog's order.</param>
public sealed record FlagEvaluationsAnswer(
    [property: JsonPropertyName("flag")] string Flag,
    [property: JsonPropertyName("environments")] IReadOnlyList<FlagEvaluationsView> Environments);

/// <summary>A flag's evaluations in one environment (never evaluated: no time and zero counts).</summary>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="LastEvaluatedAt">When an SDK last reported evaluating it, or null.</param>
/// <param name="True">True answers reported in total.</param>
/// <param name="False">False answers reported in total.</param>
public sealed record FlagEvaluationsView(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("last_evaluated_at")] DateTimeOffset? LastEvaluatedAt,
    [property: JsonPropertyName("true")] long True,
    [property: JsonPropertyName("false")] long False);
