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
        SkipAutomaticAuthMiddleware(app);
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

    /// <summary>The keys ASP.NET Core's <c>UseAuthentication</c> and <c>UseAuthorization</c> set on the builder.</summary>
    internal const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <inheritdoc cref="AuthenticationMiddlewareSetKey"/>
    internal const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>
    /// Keeps WebApplication from putting ASP.NET Core's authentication and authorization middleware in front of every
    /// request, which it does on its own once the dashboard's cookie scheme and Razor Pages are registered.
    /// </summary>
    /// <remarks>
    /// Neither has work here: API tokens are checked by <see cref="TokenAuthenticationMiddleware"/>, the dashboard
    /// authenticates its cookie by name on its own paths (<c>DashboardSession.AuthenticateAsync</c>), no scheme handles
    /// remote sign-in callbacks, and no endpoint carries <c>[Authorize]</c> metadata. Yet for every request the two
    /// create a request service scope, an authentication handler cache, an items dictionary and two suspended async
    /// frames, about 1 KB held for the request's lifetime: 10 MB across 10,000 idle change streams (issue 13,
    /// docs/benchmarks.md). WebApplication skips adding them when the builder says they were added already, which is
    /// what these two documented-in-source keys record; AutomaticAuthMiddlewareTests fails if a later ASP.NET Core adds
    /// them regardless.
    /// </remarks>
    private static void SkipAutomaticAuthMiddleware(WebApplication app)
    {
        IApplicationBuilder builder = app;
        builder.Properties[AuthenticationMiddlewareSetKey] = true;
        builder.Properties[AuthorizationMiddlewareSetKey] = true;
    }
}
