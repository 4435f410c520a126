namespace Vexil.Server.Dashboard;

/// <summary><c>Vexil:Dashboard</c>: the server-rendered pages at <c>/</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Dashboard";

    /// <summary>The configuration key of <see cref="KeysPath"/>, for messages.</summary>
    public const string KeysPathKey = Section + ":KeysPath";

    /// <summary>
    /// The folder that holds the Data Protection key ring, which encrypts the session and antiforgery cookies. Several
    /// replicas behind one address must share it (a shared volume), or a session signed in on one replica is refused by
    /// the next. Unset: ASP.NET Core's default location for the user running the server.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>How long a session lasts without use before the person signs in again; 8 hours by default.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
}
