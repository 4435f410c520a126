using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Auth;

/// <summary>The in-process server with extra settings, keeping its log lines for the test to read.</summary>
public sealed class AuthServerFactory(IDictionary<string, string?> overrides) : VexilServerFactory(overrides)
{
    /// <summary>What the server logged.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>A client that sends <paramref name="token"/> as <c>Authorization: Bearer</c>.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
