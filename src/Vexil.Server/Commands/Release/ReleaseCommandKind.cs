namespace Vexil.Server.Commands.Release;

/// <summary>The deployment and release commands.</summary>
public enum ReleaseCommandKind
{
    /// <summary><c>auto_deploy status &lt;sha&gt;</c>.</summary>
    AutoDeployStatus,

    /// <summary><c>release check &lt;merge-request-url or sha&gt; [X.Y]</c>.</summary>
    ReleaseCheck,
}
