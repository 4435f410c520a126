using Vexil.Server.Commands.Api;
using Vexil.Server.Incidents.Api;

namespace Vexil.Server.Commands;

/// <summary>Maps the command endpoint and the incident and change-lock endpoints the production check relies on.</summary>
public static class CommandsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST /api/v1/commands</c>, <c>/api/v1/incidents</c> and <c>/api/v1/change-locks</c>.</summary>
    public static IEndpointRouteBuilder MapVexilCommands(this IEndpointRouteBuilder app)
    {
        app.MapCommandsApi();
        app.MapIncidentsApi();
        app.MapChangeLocksApi();
        return app;
    }
}
