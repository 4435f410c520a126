using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Definitions;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Transfer;

/// <summary><c>POST /api/v1/import</c> and <c>GET /api/v1/export</c>: moving flag states from and to GitLab and Flipper.</summary>
public static class TransferEndpoints
{
    /// <summary>Maps the endpoints on <paramref name="api"/> (the <c>/api/v1</c> group).</summary>
    public static RouteGroupBuilder MapTransfer(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/import", ImportAsync)
            .WithSummary("Import flag states from a GitLab (GET /api/v4/features) or Flipper (export JSON v1) file into one environment; a dry run unless apply is true.");
        api.MapGet("/export", Export)
            .WithSummary("Export an environment's stored flags as a GitLab feature list or a Flipper export (JSON v1).");
        return api;
    }

    private static async Task<IResult> ImportAsync(HttpContext http, ImportRequest body, FlagImporter importer, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        if (body.Format is not (FlagFileFormats.GitLab or FlagFileFormats.Flipper))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format must be {string.Join(" or ", FlagFileFormats.All)}, not '{body.Format}'.");
        }

        if (importer.Resolve(body.Environment) is not { } environment)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown environment", $"environment '{body.Environment}' is not configured; name one of Vexil:Environments, e.g. staging.");
        }

        if (body.Apply ? !token.CanWrite(environment) : !token.CanRead(environment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"The token '{token.Name}' may not {(body.Apply ? "change" : "read")} {environment.Name}; use a token that may.");
        }

        var source = string.IsNullOrWhiteSpace(body.Source) ? "(unnamed file)" : Path.GetFileName(body.Source.Trim());
        var flags = FlagFileReader.Read(body.Format, body.Content ?? string.Empty, out var problem);
        if (flags is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed file", $"{source}: {problem} Nothing was imported.");
        }

        var via = http.Request.Headers["X-Vexil-Client"].ToString() == ChangeChannels.Cli ? ChangeChannels.Cli : ChangeChannels.Api;
        var origin = new ChangeOrigin(token.Name, via, http.Connection.RemoteIpAddress?.ToString(), null, http.TraceIdentifier)
        {
            Details = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["value"] = "imported",
                ["import_format"] = body.Format,
                ["token"] = token.Name,
                ["token_id"] = token.Id.ToString(CultureInfo.InvariantCulture),
            },
        };
        var (result, refusal) = await importer.ImportAsync(flags, environment, source, body.Apply, origin, cancellationToken);
        return result is null
            ? Problem(StatusCodes.Status400BadRequest, "Import refused", $"{source}: {refusal}")
            : Results.Ok(result);
    }

    private static IResult Export(HttpContext http, string? environment, string? format, FlagImporter importer, SnapshotCache snapshots, DefinitionRegistry definitions)
    {
        if (http.GetTokenPrincipal() is not { } token)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
        }

        format ??= FlagFileFormats.GitLab;
        if (format is not (FlagFileFormats.GitLab or FlagFileFormats.Flipper))
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown format", $"format must be {string.Join(" or ", FlagFileFormats.All)}, not '{format}'.");
        }

        if (importer.Resolve(environment) is not { } resolved)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown environment", $"environment '{environment}' is not configured; name one of Vexil:Environments, e.g. production.");
        }

        if (!token.CanRead(resolved))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"The token '{token.Name}' may not read {resolved.Name}; use a token that may.");
        }

        return Results.Text(FlagFileWriter.Write(format, snapshots.Get(resolved.Name), definitions.Current), "application/json");
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
