using Vexil.Server.Api.Native;
using Vexil.Server.Api.Tokens;
using Vexil.Server.Api.Transfer;
using Vexil.Server.Api.GitLab;
using Vexil.Server.Api.Ofrep;
using Vexil.Server.Api.ChangeStream;
using Vexil.Server.Auth;
using Vexil.Server.Commands;
using Vexil.Server.Dashboard;
using Vexil.Server.Deployments.Api;
using Vexil.Server.Environments;
using Vexil.Server.Evaluations;
using Vexil.Server.Incidents;
using Vexil.Server.Repository;
using Vexil.Server.Lifecycle;
using Vexil.Server.Storage;
using Vexil.Server.Telemetry;

namespace Vexil.Server.Hosting;

/// <summary>The request pipeline and the endpoints that belong to no single API.</summary>
public static class VexilApplicationExtensions
{
    /// <summary>Sets up middleware and maps every endpoint.</summary>
    public static WebApplication UseVexil(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<TokenAuthenticationMiddleware>();
        app.UseMiddleware<MetricsTokenScopeMiddleware>();
        app.UseMiddleware<DeploymentsTokenScopeMiddleware>();
        app.UseVexilRateLimiting();
        app.UseVexilDashboard();
        app.UseMiddleware<RepeatedQueryParameterMiddleware>();

        app.MapOpenApi();
        app.MapTokenEndpoints();
        app.MapGet("/favicon.ico", () => Results.File(Favicon.Bytes, "image/svg+xml")).ExcludeFromDescription();
        app.MapVexilHealth()
            .WithTags("Health")
            .WithMetadata(MetricsTokenScope.Instance); // monitoring may probe health with its scrape token
        app.MapNativeApi();
        app.MapGitLabFeaturesApi();
        app.MapVexilCommands();
        app.MapVexilIncidents();
        app.MapDeploymentsApi();
        app.MapVexilRollouts();
        app.MapRepositoryApi();
        app.MapVexilLifecycle();
        app.MapGroup("/api/v1").WithTags("Lifecycle").MapTransfer();
        app.MapVexilChatOps().MapVexilNotifications();
        app.MapOfrep();
        app.MapVexilStream();
        app.MapVexilMetrics();
        app.MapVexilEvaluations();
        return app;
    }
}
