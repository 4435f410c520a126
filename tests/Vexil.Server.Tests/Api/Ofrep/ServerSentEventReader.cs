namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>Reads a text/event-stream one block (lines up to a blank line) at a time.</summary>
public sealed class ServerSentEventReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream);

    /// <summary>The next block's lines, or null at the end of the stream.</summary>
    public async Task<IReadOnlyList<string>?> ReadBlockAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return lines.Count > 0 ? lines : null;
            }

            if (line.Length == 0)
            {
                if (lines.Count > 0)
                {
                    return lines;
                }

                continue;
            }

            lines.Add(line);
        }
    }

    /// <summary>The next block that is an event (has a <c>data:</c> line), skipping comments such as heartbeats.</summary>
    public async Task<IReadOnlyList<string>> ReadEventAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var block = await ReadBlockAsync(cancellationToken) ?? throw new EndOfStreamException("The event stream ended.");
            if (block.Any(line => line.StartsWith("data:", StringComparison.Ordinal)))
            {
                return block;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();
}
