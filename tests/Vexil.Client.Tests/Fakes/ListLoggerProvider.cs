using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Vexil.Client.Tests.Fakes;

/// <summary>Keeps every log line, so tests can check that a warning was given.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider, ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(Lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public bool Has(LogLevel level, string fragment) => Lines.Any(line => line.Level == level && line.Message.Contains(fragment, StringComparison.Ordinal));

    private sealed class ListLogger(ConcurrentQueue<(LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
