using Vexil.Server.Commands.Api;

namespace Vexil.Server.Commands;

/// <summary>Maps the command endpoint.</summary>
public static class CommandsEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>POST /api/v1/commands</c>.</summary>
    public static IEndpointRouteBuilder MapVexilCommands(this IEndpointRouteBuilder app)
    {
        app.MapCommandsApi();
        return app;
    }
}
