using System.Globalization;
using System.Text;
using Vexil.Server.ChatOps.Slack;

namespace Vexil.Server.Tests.Infrastructure;

/// <summary>Builds slash command requests as Slack sends them: form-encoded, signed with the signing secret.</summary>
public static class SlackRequests
{
    /// <summary>The signing secret the test servers are configured with.</summary>
    public const string SigningSecret = "slack-test-signing-secret";

    /// <summary>The id of the channel named <c>production</c> in these requests: what the test servers configure as the production channel.</summary>
    public static readonly string ProductionChannelId = ChannelId("production");

    /// <summary>The channel id the test requests send for a channel name (Slack's ids are capitals and digits, e.g. <c>CPRODUCTION</c>).</summary>
    public static string ChannelId(string channel) =>
        "C" + new string(channel.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>The user id the test requests send for a user name (e.g. <c>ULULALALA</c>).</summary>
    public static string UserId(string user) =>
        "U" + new string(user.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>The form body of a slash command.</summary>
    public static string Body(string text, string channel, string user, string responseUrl) =>
        Form(new Dictionary<string, string>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = "T0001",
            ["team_domain"] = "vexil-test",
            ["channel_id"] = ChannelId(channel),
            ["channel_name"] = channel,
            ["user_id"] = UserId(user),
            ["user_name"] = user,
            ["command"] = "/chatops",
            ["text"] = text,
            ["response_url"] = responseUrl,
            ["trigger_id"] = "1234.5678.abcdef",
        });

    /// <summary>Form-encodes fields as Slack does (spaces as '+').</summary>
    public static string Form(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(field => $"{Encode(field.Key)}={Encode(field.Value)}"));

    /// <summary>A request to <c>/chatops/slack</c> with <paramref name="body"/>, signed at <paramref name="signedAt"/> (now by default) with <paramref name="secret"/>.</summary>
    public static HttpRequestMessage Signed(string body, string secret = SigningSecret, DateTimeOffset? signedAt = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = Unsigned(body);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, SlackSignature.Compute(secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return request;
    }

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>A request to <c>/chatops/slack</c> without signature headers.</summary>
    public static HttpRequestMessage Unsigned(string body) =>
        new(HttpMethod.Post, SlackEndpoint.Path) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
}
