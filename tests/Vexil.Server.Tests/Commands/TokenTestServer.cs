using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Commands;

/// <summary>
/// The real server in-process, with a few fixed tokens of every kind besides the bootstrap admin token (stored tokens
/// are another part's concern; these tests only need principals of each kind).
/// </summary>
public sealed class TokenTestServer : IDisposable
{
    public const string WriterToken = "vxl_test_writer";
    public const string ProductionWriterToken = "vxl_test_production_writer";
    public const string ReaderToken = "vxl_test_reader";

    private readonly VexilServerFactory root = new();

    public TokenTestServer()
    {
        Factory = root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ITokenAuthenticator>(provider => new FixedTokens(provider.GetRequiredService<BootstrapTokenAuthenticator>()))));
    }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client(string? token, string? clientHeader = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        if (clientHeader is not null)
        {
            client.DefaultRequestHeaders.Add("X-Vexil-Client", clientHeader);
        }

        return client;
    }

    public void Dispose()
    {
        Factory.Dispose();
        root.Dispose();
    }

    private sealed class FixedTokens(BootstrapTokenAuthenticator bootstrap) : ITokenAuthenticator
    {
        public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) => secret switch
        {
            WriterToken => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(11, "ci-writer", TokenKind.Write, [])),
            ProductionWriterToken => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(12, "prod-writer", TokenKind.Write, ["production"])),
            ReaderToken => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(13, "reader", TokenKind.Read, [])),
            _ => bootstrap.AuthenticateAsync(secret, cancellationToken),
        };
    }
}
