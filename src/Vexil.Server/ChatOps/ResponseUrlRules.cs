namespace Vexil.Server.ChatOps;

/// <summary>
/// Which <c>response_url</c> the server will post to. It arrives inside an authenticated request, but the server
/// still posts only to https, unless the platform's <c>AllowHttpResponseUrl</c> says otherwise, so a misconfigured
/// or forged value cannot send command results in clear text.
/// </summary>
public static class ResponseUrlRules
{
    /// <summary>The URL to answer on, or the sentence telling why the request cannot be answered there.</summary>
    /// <param name="text">The request's <c>response_url</c>.</param>
    /// <param name="allowHttp">The platform's <c>AllowHttpResponseUrl</c>.</param>
    /// <param name="settingKey">The setting to name in the sentence, e.g. <c>Vexil:ChatOps:Slack:AllowHttpResponseUrl</c>.</param>
    public static (Uri? Url, string? Problem) Check(string? text, bool allowHttp, string settingKey)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "This request has no response_url, so Vexil could not post its answer later; send the slash command from Slack or Mattermost.");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            return (null, "This request's response_url is not an absolute http(s) URL; send the slash command from Slack or Mattermost.");
        }

        if (url.Scheme == "http" && !allowHttp)
        {
            return (null, $"This request's response_url is not https, so Vexil will not post its answer there; use https, or set {settingKey} to true if the chat server is only reachable over http.");
        }

        return (url, null);
    }
}
