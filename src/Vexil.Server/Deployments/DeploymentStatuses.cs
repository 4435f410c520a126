namespace Vexil.Server.Deployments;

/// <summary>The written form of <see cref="DeploymentStatus"/> (<c>success</c>, <c>failed</c>, <c>running</c>), used alike in the database and the API.</summary>
internal static class DeploymentStatuses
{
    /// <summary>Every status's written form.</summary>
    public static readonly IReadOnlyList<string> Names = ["success", "failed", "running"];

    /// <summary>The written form of a status.</summary>
    public static string ToText(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Success => "success",
        DeploymentStatus.Failed => "failed",
        DeploymentStatus.Running => "running",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a deployment status Vexil knows."),
    };

    /// <summary>Reads a written status, exactly as written (CI scripts send lower case; anything else is a mistake worth reporting).</summary>
    public static bool TryParse(string? text, out DeploymentStatus status)
    {
        switch (text)
        {
            case "success":
                status = DeploymentStatus.Success;
                return true;
            case "failed":
                status = DeploymentStatus.Failed;
                return true;
            case "running":
                status = DeploymentStatus.Running;
                return true;
            default:
                status = default;
                return false;
        }
    }

    /// <summary>Reads a status the database holds; the schema's CHECK keeps anything else out.</summary>
    public static DeploymentStatus FromStored(string text) =>
        TryParse(text, out var status) ? status : throw new InvalidOperationException($"The deployments table holds an unknown status '{text}'.");
}
