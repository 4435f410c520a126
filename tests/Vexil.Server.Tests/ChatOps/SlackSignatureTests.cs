using System.Text;
using Vexil.Server.ChatOps.Slack;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

public sealed class SlackSignatureTests
{
    // The example from Slack's "Verifying requests from Slack" page.
    private const string DocumentedSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocumentedTimestamp = "1531420618";
    private const string DocumentedBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string DocumentedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(DocumentedBody);

    [Fact]
    public void Computes_the_signature_of_Slacks_documented_example()
    {
        Assert.Equal(DocumentedSignature, SlackSignature.Compute(DocumentedSecret, DocumentedTimestamp, Body));
    }

    [Fact]
    public void A_good_signature_passes()
    {
        Assert.Null(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Body, SignedAt.AddSeconds(3)));
    }

    [Fact]
    public void A_signature_of_another_body_is_refused()
    {
        var tampered = Encoding.UTF8.GetBytes(DocumentedBody.Replace("roadrunner", "coyote", StringComparison.Ordinal));

        var problem = SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, tampered, SignedAt);

        Assert.Equal("The signature does not match; check that Vexil:ChatOps:Slack:SigningSecret is the Slack app's signing secret.", problem);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var forged = SlackSignature.Compute("not-the-secret", DocumentedTimestamp, Body);

        Assert.NotNull(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, forged, Body, SignedAt));
    }

    [Fact]
    public void A_signature_for_another_timestamp_is_refused()
    {
        Assert.NotNull(SlackSignature.Check(DocumentedSecret, "1531420619", DocumentedSignature, Body, SignedAt));
    }

    [Theory]
    [InlineData(null, DocumentedSignature)]
    [InlineData(DocumentedTimestamp, null)]
    [InlineData("", "")]
    public void A_request_without_signature_headers_is_refused(string? timestamp, string? signature)
    {
        Assert.Equal(
            "The request is not signed: Slack sends X-Slack-Signature and X-Slack-Request-Timestamp, and both are required.",
            SlackSignature.Check(DocumentedSecret, timestamp, signature, Body, SignedAt));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1531420618.5")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp)
    {
        Assert.Equal("X-Slack-Request-Timestamp is not a Unix time in seconds.", SlackSignature.Check(DocumentedSecret, timestamp, DocumentedSignature, Body, SignedAt));
    }

    [Fact]
    public void A_request_signed_more_than_five_minutes_ago_is_refused_even_with_a_good_signature()
    {
        var problem = SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Body, SignedAt.AddMinutes(5).AddSeconds(1));

        Assert.Equal("The request was signed more than 5 minutes ago; it may be a replay, or the server's clock is wrong.", problem);
    }

    [Fact]
    public void A_request_signed_more_than_five_minutes_in_the_future_is_refused()
    {
        var problem = SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Body, SignedAt.AddMinutes(-5).AddSeconds(-1));

        Assert.Equal("The request was signed more than 5 minutes in the future; it may be a replay, or the server's clock is wrong.", problem);
    }

    [Fact]
    public void Five_minutes_either_way_is_still_accepted()
    {
        Assert.Null(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Body, SignedAt.AddMinutes(5)));
        Assert.Null(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, DocumentedSignature, Body, SignedAt.AddMinutes(-5)));
    }

    [Fact]
    public void The_signature_covers_the_raw_bytes_including_non_ascii_text()
    {
        var body = Encoding.UTF8.GetBytes("text=run+feature+get+caf%C3%A9&note=ü");
        var signature = SlackSignature.Compute(DocumentedSecret, DocumentedTimestamp, body);

        Assert.Null(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, signature, body, SignedAt));
        Assert.NotNull(SlackSignature.Check(DocumentedSecret, DocumentedTimestamp, signature, Encoding.Latin1.GetBytes("text=run+feature+get+caf%C3%A9&note=ü"), SignedAt));
    }
}
