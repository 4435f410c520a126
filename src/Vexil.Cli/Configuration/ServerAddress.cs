namespace Vexil.Cli.Configuration;

/// <summary>Reads the server address a person typed (<c>VEXIL_URL</c>, <c>vexil login --url</c>).</summary>
internal static class ServerAddress
{
    /// <summary>
    /// Parses an absolute http(s) address and gives it a trailing slash, so relative API paths keep a path prefix such
    /// as <c>https://tools.example.com/vexil/</c>; null when <paramref name="text"/> is not such an address.
    /// </summary>
    public static Uri? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
