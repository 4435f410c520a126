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
            if (!values.Any(pair => pair.Value is string text && LogRedaction.MayContainSecret(text)))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var redactedValues = values
                .Select(pair => pair.Value is string text ? new KeyValuePair<string, object?>(pair.Key, LogRedaction.Redact(text)) : pair)
                .ToArray();
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
}
