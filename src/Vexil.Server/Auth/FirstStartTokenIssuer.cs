using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Vexil.Server.Auth;

/// <summary>
/// On the very first start (no token stored, no <c>Vexil:Auth:BootstrapAdminToken</c> configured) makes one admin
/// token and prints it once, with the address of the home page, so that whoever started the server can sign in.
/// Runs after the store's migrations (hosted services start in registration order); the token is made before the
/// server listens, and printed once it listens, when its addresses are known.
/// </summary>
internal sealed class FirstStartTokenIssuer(
    TokenService tokens,
    BootstrapTokenAuthenticator bootstrap,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<FirstStartTokenIssuer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bootstrap.IsConfigured)
        {
            return;
        }

        var issued = await tokens.CreateFirstAdminAsync(cancellationToken);
        if (issued is null)
        {
            return;
        }

        lifetime.ApplicationStarted.Register(() => Announce(issued));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce(IssuedToken issued)
    {
        var home = HomeAddress();

        // The secret is stored nowhere; this is the one moment it can be seen. Both the log (for hosted runs) and the
        // console (for someone who just typed `dotnet run`) get it.
        logger.LogWarning(
            "First start: created admin token '{TokenName}' (id {TokenId}): {Secret} . It is shown only now. Open {HomeUrl} and send it as PRIVATE-TOKEN or Authorization: Bearer; make personal tokens with POST /api/v1/tokens, then revoke this one.",
            issued.Token.Name,
            issued.Token.Id,
            issued.Secret,
            home);
        Console.Out.WriteLine(
            $"""

            ==================================================================================================
             Vexil first start: an admin token was created. It is shown only now; keep it in a secret store.

                 {issued.Secret}

             Home page: {home}
             Use it as `PRIVATE-TOKEN: <token>` or `Authorization: Bearer <token>`, make your own tokens with
             POST /api/v1/tokens, then revoke this one (DELETE /api/v1/tokens/{issued.Token.Id}).
            ==================================================================================================

            """);
        Console.Out.Flush();
    }

    private string HomeAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (string.IsNullOrEmpty(address))
        {
            return "this server's address, path /";
        }

        // Kestrel reports wildcard bindings as written (http://0.0.0.0:5080, http://[::]:5080, http://+:5080); a browser
        // on the same machine reaches them as localhost.
        if (Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            return new UriBuilder(uri) { Host = host, Path = "/" }.Uri.ToString();
        }

        return address.TrimEnd('/') + "/";
    }
}
