using Microsoft.Extensions.Logging;

namespace Vexil.Server.Hosting.Logging;

/// <summary>
/// Passes entries on to the real logger, with <see cref="LogRedaction"/> applied to any entry whose message or values
/// may hold a secret. Entries without one pass through untouched, so the common case costs a few string searches.
/// </summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            if (!AnyValueMayContainSecret(values))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redactedValues = new KeyValuePair<string, object?>[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                var pair = values[i];
                redactedValues[i] = TextOf(pair.Value) is { } text && LogRedaction.MayContainSecret(text)
                    ? new KeyValuePair<string, object?>(pair.Key, LogRedaction.Redact(text))
                    : pair;
            }

            var redacted = new RedactedLogState(LogRedaction.Redact(formatter(state, exception)), redactedValues);
            inner.Log(logLevel, eventId, redacted, exception, RedactedLogState.Format);
            return;
        }

        var message = formatter(state, exception);
        if (!LogRedaction.MayContainSecret(message))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        inner.Log(logLevel, eventId, new RedactedLogState(LogRedaction.Redact(message), []), exception, RedactedLogState.Format);
    }

    // A plain loop: this runs for every enabled log entry, so no enumerator or closure is allocated.
    private static bool AnyValueMayContainSecret(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (LogRedaction.MayContainSecret(TextOf(values[i].Value)))
            {
                return true;
            }
        }

        return false;
    }

    // The text a value prints as, for values that can carry a URL: strings, Uris (HttpClient logs them) and other
    // objects (ASP.NET Core's PathString and QueryString). Numbers, booleans, enums and dates cannot, so they are skipped.
    private static string? TextOf(object? value) => value switch
    {
        null => null,
        string text => text,
        IConvertible => null,
        _ => value.ToString(),
    };
}
