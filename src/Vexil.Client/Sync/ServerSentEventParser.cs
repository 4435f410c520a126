using System.Text;

namespace Vexil.Client.Sync;

/// <summary>
/// Turns the lines of a <c>text/event-stream</c> into events, as the HTML standard's parsing rules say: fields
/// <c>id</c>, <c>event</c>, <c>data</c> (several data lines join with a newline), comments start with a colon, a blank
/// line ends an event. Written here because the base library has no SSE reader for .NET 10 clients we can rely on
/// (System.Net.ServerSentEvents only arrived as a separate package), and this is a few lines.
/// </summary>
internal sealed class ServerSentEventParser
{
    private readonly StringBuilder data = new();
    private string? id;
    private string? type;
    private bool hasData;

    /// <summary>Feeds one line (without its line ending); returns an event when the line completed one.</summary>
    public ServerSentEvent? Feed(string line)
    {
        if (line.Length == 0)
        {
            if (!hasData && type is null)
            {
                id = null;
                return null;
            }

            var completed = new ServerSentEvent(id, type ?? "message", data.ToString());
            data.Clear();
            id = null;
            type = null;
            hasData = false;
            return completed;
        }

        if (line[0] == ':')
        {
            return null;
        }

        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? string.Empty : line[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (field)
        {
            case "id":
                id = value;
                break;
            case "event":
                type = value;
                break;
            case "data":
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(value);
                hasData = true;
                break;
        }

        return null;
    }
}
