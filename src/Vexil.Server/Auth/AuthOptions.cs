namespace Vexil.Server.Auth;

/// <summary><c>Vexil:Auth</c>: how callers prove who they are.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Auth";

    /// <summary>An admin token accepted from start-up, for first use and automation. Keep it in a secret store.</summary>
    public string? BootstrapAdminToken { get; set; }
}
