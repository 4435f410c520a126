using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vexil.Server.Rollouts;

/// <summary>The stored form of a plan's body: the whole record as JSON, the same for both databases.</summary>
internal static class RolloutPlanJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The plan as JSON.</summary>
    public static string Serialize(RolloutPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>The plan a row holds, with the row's id.</summary>
    public static RolloutPlan Deserialize(long id, string json) =>
        (JsonSerializer.Deserialize<RolloutPlan>(json, Options) ?? throw new InvalidOperationException($"Rollout plan {id} has an empty body.")) with { Id = id };
}
