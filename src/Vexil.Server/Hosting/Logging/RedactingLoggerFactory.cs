using Microsoft.Extensions.Logging;

namespace Vexil.Server.Hosting.Logging;

/// <summary>
/// The server's <see cref="ILoggerFactory"/>: ASP.NET Core's own, with every logger it makes wrapped in a
/// <see cref="RedactingLogger"/>. Wrapping the factory, rather than each provider or one middleware, covers every
/// category (the host's request log is written before any middleware runs) and every provider, including ones
/// added after the server composed its services.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
