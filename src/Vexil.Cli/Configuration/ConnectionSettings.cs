namespace Vexil.Cli.Configuration;

/// <summary>
/// The server and token a command uses, and where each came from, so a refusal can name the setting to fix.
/// <c>VEXIL_URL</c> and <c>VEXIL_TOKEN</c> win over the file <c>vexil login</c> wrote: CI jobs and one-off commands
/// set them without touching the saved login.
/// </summary>
/// <param name="BaseAddress">The server's address, ending in a slash.</param>
/// <param name="Token">The API token.</param>
/// <param name="TokenSource">Where the token came from, e.g. <c>VEXIL_TOKEN</c> or the file's path.</param>
internal sealed record ConnectionSettings(Uri BaseAddress, string Token, string TokenSource)
{
    /// <summary>The environment variable holding the server's address.</summary>
    public const string UrlVariable = "VEXIL_URL";

    /// <summary>The environment variable holding the token.</summary>
    public const string TokenVariable = "VEXIL_TOKEN";

    /// <summary>Resolves the settings from the environment, then the configuration file.</summary>
    /// <exception cref="CliException">No address or no token is set, or the address is not an http(s) address.</exception>
    public static ConnectionSettings Resolve(Func<string, string?> getEnvironmentVariable, ConfigFile file)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        ArgumentNullException.ThrowIfNull(file);

        var url = NonEmpty(getEnvironmentVariable(UrlVariable));
        var token = NonEmpty(getEnvironmentVariable(TokenVariable));
        var urlSource = UrlVariable;
        var tokenSource = TokenVariable;
        if (url is null || token is null)
        {
            // Read the file only when the environment leaves something out: a broken file must not stop a CI job that sets both.
            var saved = file.Load();
            if (url is null)
            {
                url = NonEmpty(saved?.Url);
                urlSource = file.Path;
            }

            if (token is null)
            {
                token = NonEmpty(saved?.Token);
                tokenSource = file.Path;
            }
        }

        if (url is null)
        {
            throw new CliException($"No Vexil server is set: run `vexil login --url URL --token TOKEN` or set {UrlVariable}.");
        }

        var address = ServerAddress.TryParse(url)
            ?? throw new CliException($"The server address '{url}' from {urlSource} is not an http(s) address: run `vexil login --url URL` or fix {UrlVariable}.");

        if (token is null)
        {
            throw new CliException($"No token is set for {address}: run `vexil login --url URL --token TOKEN` or set {TokenVariable}.");
        }

        return new ConnectionSettings(address, token, tokenSource);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
