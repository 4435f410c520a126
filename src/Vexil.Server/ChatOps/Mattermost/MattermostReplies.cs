using System.Text.Json.Nodes;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.ChatOps.Mattermost;

/// <summary>
/// Mattermost answers: <c>{"response_type": ..., "text": markdown}</c> with the result's Markdown (Mattermost renders
/// bold, code spans and lists). Changes go <c>in_channel</c>; reads, refusals and errors only to the person.
/// </summary>
public sealed class MattermostReplies : IChatReplies
{
    /// <summary>Mattermost refuses posts longer than this.</summary>
    public const int MaxTextLength = 16383;

    /// <inheritdoc />
    public string Platform => "mattermost";

    /// <inheritdoc />
    public JsonObject Result(CommandResult result, bool delayed)
    {
        ArgumentNullException.ThrowIfNull(result);
        var changed = result.Environments.Any(environment => environment.Status == EnvironmentStatus.Changed);
        return Message(changed, result.ToMarkdown());
    }

    /// <inheritdoc />
    public JsonObject Notice(string message, bool inChannel, bool delayed) => Message(inChannel, message);

    private static JsonObject Message(bool inChannel, string markdown)
    {
        const string Marker = "\n\n… (cut)";
        return new JsonObject
        {
            ["response_type"] = inChannel ? "in_channel" : "ephemeral",
            ["text"] = markdown.Length <= MaxTextLength ? markdown : string.Concat(markdown.AsSpan(0, MaxTextLength - Marker.Length), Marker),
        };
    }
}
