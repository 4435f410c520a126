using System.Collections;

namespace Vexil.Server.Hosting.Logging;

/// <summary>
/// A log entry's state with its secrets removed: the formatted message, and the structured values that structured
/// log formatters (JSON console, OpenTelemetry) write beside it.
/// </summary>
internal sealed class RedactedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> values)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;

    /// <summary>Formats a redacted state: its message, already redacted.</summary>
    public static string Format(RedactedLogState state, Exception? exception) => state.ToString();
}
