using Vexil.Server.Incidents.Api;

namespace Vexil.Server.Incidents;

/// <summary>Maps every endpoint of the incidents feature, in one place.</summary>
public static class IncidentsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/api/v1/incidents</c> and <c>/api/v1/change-locks</c>, the production check's own health sources.</summary>
    public static IEndpointRouteBuilder MapVexilIncidents(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapIncidentsApi();
        app.MapChangeLocksApi();
        return app;
    }
}
