using System.Text.Json.Nodes;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.ChatOps;

/// <summary>How one chat platform shows answers: the JSON body of the HTTP answer or of a post to <c>response_url</c>.</summary>
public interface IChatReplies
{
    /// <summary>The platform's name, recorded in audit details as <c>chat_platform</c>.</summary>
    string Platform { get; }

    /// <summary>A command's answer. <paramref name="delayed"/> is true when it is posted to <c>response_url</c> after an acknowledgement.</summary>
    JsonObject Result(CommandResult result, bool delayed);

    /// <summary>
    /// A sentence from Vexil itself: an acknowledgement ("Production check initiated, ...") shown in the channel, or a
    /// problem shown only to the person (<paramref name="inChannel"/> false).
    /// </summary>
    JsonObject Notice(string message, bool inChannel, bool delayed);
}
