namespace Vexil.Server.Rollouts;

/// <summary>The words the database, the API and the answers use for <see cref="RolloutStatus"/>.</summary>
public static class RolloutStatuses
{
    /// <summary>The stored word, e.g. <c>running</c>.</summary>
    public static string Word(RolloutStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>True for running, paused and verifying plans (the database allows one per flag and environment).</summary>
    public static bool IsActive(RolloutStatus status) => status is RolloutStatus.Running or RolloutStatus.Paused or RolloutStatus.Verifying;

    /// <summary>The status a stored word names; throws on a word no build wrote.</summary>
    public static RolloutStatus Parse(string word) =>
        Enum.TryParse<RolloutStatus>(word, ignoreCase: true, out var status)
            ? status
            : throw new InvalidOperationException($"Unknown rollout status '{word}' in the database.");
}
