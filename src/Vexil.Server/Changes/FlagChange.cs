using Vexil.Server.Commands;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// One change of one flag across one or more environments, as a door (command, chat, CLI, GitLab API, native API,
/// dashboard, rollout) hands it to <see cref="FlagChangeService.ApplyAsync(FlagChange, CancellationToken)"/>: the
/// guard rails look at every environment at once, and nothing is written unless none refuses.
/// </summary>
/// <param name="Requests">One request per environment, in the order to write them; all of the same flag, each with its own audit origin.</param>
/// <param name="Value">What is set, as the caller wrote it (<c>true</c>, <c>50</c>, <c>deleted</c> ...); the production check and attempts record it.</param>
public sealed record FlagChange(IReadOnlyList<ChangeRequest> Requests, string Value)
{
    /// <summary>The guard rails the caller asked to skip.</summary>
    public ChangeOverrides Overrides { get; init; } = ChangeOverrides.None;

    /// <summary>Hears about slow steps (the external production check) before they start, or null.</summary>
    public CommandProgress? Progress { get; init; }

    /// <summary>How the caller spells the override of the definition check in a refusal (e.g. <c>use --force</c>).</summary>
    public string ForceHint { get; init; } = "use --force";

    /// <summary>How the caller spells the override of the deployment check in a refusal (e.g. <c>use --ignore-deployment-check</c>).</summary>
    public string DeploymentCheckHint { get; init; } = "use --ignore-deployment-check";

    /// <summary>The flag.</summary>
    public string Flag => Requests.Count > 0 ? Requests[0].Flag : string.Empty;

    /// <summary>True for a delete of the flag's stored state.</summary>
    public bool Delete => Requests.Count > 0 && Requests[0].Delete;
}
