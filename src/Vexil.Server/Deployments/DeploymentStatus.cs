namespace Vexil.Server.Deployments;

/// <summary>The outcome of a deployment; written <c>success</c>, <c>failed</c> or <c>running</c> on the wire and in the database.</summary>
public enum DeploymentStatus
{
    /// <summary>The deployment finished and the environment runs the commit.</summary>
    Success,

    /// <summary>The deployment failed; the environment still runs what it ran before.</summary>
    Failed,

    /// <summary>The deployment is under way.</summary>
    Running,
}
