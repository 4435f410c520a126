using Vexil.Server.Auth;

namespace Vexil.Server.Dashboard;

/// <summary>The token a dashboard session stands for, checked again on this request.</summary>
/// <param name="Principal">The token's identity and rights.</param>
public sealed record DashboardUserFeature(TokenPrincipal Principal);
