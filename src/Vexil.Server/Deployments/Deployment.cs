namespace Vexil.Server.Deployments;

/// <summary>
/// One deployment of the team's code to an environment, as CI reported it (<c>POST /api/v1/deployments</c>). The
/// deployment check and <c>auto_deploy status</c> ask whether an environment's last successful deployment contains a
/// commit.
/// </summary>
/// <param name="Id">The store's id.</param>
/// <param name="Environment">The environment's canonical name (an alias given by CI is resolved before storing).</param>
/// <param name="Sha">The full commit sha deployed, lower case.</param>
/// <param name="Ref">The branch or tag deployed, e.g. <c>17-9-auto-deploy-2026120410</c>.</param>
/// <param name="Status">The outcome (see <see cref="DeploymentStatus"/>).</param>
/// <param name="FinishedAt">When it finished (or, while running, when it was reported), in UTC.</param>
/// <param name="Url">The pipeline or job URL, when given.</param>
/// <param name="RecordedBy">The name of the token that recorded it.</param>
public sealed record Deployment(
    long Id,
    string Environment,
    string Sha,
    string Ref,
    DeploymentStatus Status,
    DateTimeOffset FinishedAt,
    string? Url,
    string RecordedBy);
