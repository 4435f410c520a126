namespace Vexil.Server.Rollouts;

/// <summary>A request to start a plan, as a door (command, API) hands it to <see cref="RolloutEngine.StartAsync"/>.</summary>
/// <param name="Flag">The flag.</param>
/// <param name="Environment">The environment's canonical name.</param>
/// <param name="Steps">The percentages, rising, each above 0 and at most 100.</param>
/// <param name="Every">The least time between steps.</param>
/// <param name="Verify">The verification period after the last step.</param>
/// <param name="Checks">Named checks.</param>
/// <param name="User">Who starts it.</param>
/// <param name="Via">Through what (<c>cli</c>, <c>chat</c>, <c>api</c>).</param>
public sealed record RolloutRequest(
    string Flag,
    string Environment,
    IReadOnlyList<double> Steps,
    TimeSpan Every,
    TimeSpan Verify,
    IReadOnlyList<string> Checks,
    string User,
    string Via);
