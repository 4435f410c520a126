using System.Text.Json;
using Vexil.Core.State;
using Vexil.Server.Definitions;

namespace Vexil.Server.Api.GitLab;

/// <summary>The responses of the Features API, shaped as GitLab shapes them: <c>{"message": "..."}</c> for errors.</summary>
internal static class GitLabResponses
{
    /// <summary>GitLab's prefix for a refusal (<c>bad_request!</c>).</summary>
    public const string BadRequestPrefix = "400 Bad request - ";

    /// <summary>401 <c>{"message":"401 Unauthorized"}</c>: no token, or one that is not valid.</summary>
    public static IResult Unauthorized() => Message(StatusCodes.Status401Unauthorized, "401 Unauthorized");

    /// <summary>403 <c>{"message":"403 Forbidden"}</c>: the token may not do this in this environment.</summary>
    public static IResult Forbidden() => Message(StatusCodes.Status403Forbidden, "403 Forbidden");

    /// <summary>400 with GitLab's <c>bad_request!</c> text: <c>400 Bad request - &lt;reason&gt;</c>.</summary>
    public static IResult BadRequest(string reason) => Message(StatusCodes.Status400BadRequest, BadRequestPrefix + reason);

    /// <summary>
    /// 409 <c>{"message": sentence}</c>: a guard rail (production or consistency check) refused; the sentence is the one
    /// chat gives, without GitLab's "400 Bad request - " prefix, since GitLab's API has no such check (a deliberate difference).
    /// </summary>
    public static IResult Conflict(string sentence) => Message(StatusCodes.Status409Conflict, sentence);

    /// <summary>400 with a parameter validation message as it stands, as GitLab reports its parameter checks (e.g. <c>value is missing</c>).</summary>
    public static IResult InvalidParameters(string message) => Message(StatusCodes.Status400BadRequest, message);

    /// <summary>Any status with <c>{"message": text}</c>.</summary>
    public static IResult Message(int statusCode, string text) =>
        GitLabJsonResult.Write(statusCode, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("message", text);
            writer.WriteEndObject();
        });

    /// <summary>One feature, e.g. 201 after a change.</summary>
    public static IResult Feature(int statusCode, string name, FlagState state, DefinitionCatalog definitions) =>
        GitLabJsonResult.Write(statusCode, writer => GitLabFeatureJson.WriteFeature(writer, name, state, definitions));

    /// <summary>200 with a body written by <paramref name="write"/>.</summary>
    public static IResult Ok(Action<Utf8JsonWriter> write) => GitLabJsonResult.Write(StatusCodes.Status200OK, write);
}
