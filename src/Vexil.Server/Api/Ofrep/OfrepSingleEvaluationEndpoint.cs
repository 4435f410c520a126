using System.IO.Pipelines;
using Vexil.Server.Environments;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// <c>POST /ofrep/v1/evaluate/flags/{key}</c>: evaluates one flag from the environment's in-memory snapshot. The hot
/// path reads the body from the pipe, parses it with <c>Utf8JsonReader</c>, rents the actor array, and answers by
/// copying pre-encoded bytes; it does not log, throw or touch the database.
/// </summary>
internal sealed class OfrepSingleEvaluationEndpoint(OfrepFlagTables tables, EnvironmentCatalog environments, OfrepOptions options)
{
    /// <summary>Handles a request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var key = context.Request.RouteValues["key"] as string ?? string.Empty;
        if (OfrepAccess.Check(context, environments, out var environment) is { } denial)
        {
            await OfrepResponses.WriteDenialAsync(context, denial, key);
            return;
        }

        var bodyReader = context.Request.BodyReader;
        var body = await OfrepRequestBody.ReadAsync(bodyReader, context.RequestAborted);
        var actors = default(OfrepActors);
        string? errorCode;
        string? details;
        byte outcome = 0;
        OfrepFlagEntry? entry = null;
        try
        {
            errorCode = OfrepContextParser.Parse(body.Buffer, options.MaxActors, ref actors, out details);
            if (errorCode is null && tables.Get(environment).TryGet(key, out entry))
            {
                outcome = entry.Evaluate(actors.Span);
            }
        }
        finally
        {
            bodyReader.AdvanceTo(body.Buffer.End);
            actors.Return();
        }

        if (errorCode is not null)
        {
            await OfrepResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, key, errorCode, details!);
            return;
        }

        if (entry is null)
        {
            await OfrepResponses.WriteErrorAsync(
                context,
                StatusCodes.Status404NotFound,
                key,
                OfrepErrorCode.FlagNotFound,
                $"Flag '{key}' is neither defined nor stored in environment '{environment.Name}'; check the name, or the environment.");
            return;
        }

        var response = context.Response;
        response.ContentType = OfrepFragments.JsonContentType;
        response.ContentLength = entry.Length(outcome);
        Write(response.BodyWriter, entry, outcome);
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void Write(PipeWriter writer, OfrepFlagEntry entry, byte outcome)
    {
        var length = entry.Length(outcome);
        entry.CopyTo(writer.GetSpan(length), outcome);
        writer.Advance(length);
    }
}
