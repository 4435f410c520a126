using Vexil.Server.Notifications.Dispatch;
using Xunit;

namespace Vexil.Server.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private const string Body = """{"event":"flag.changed"}""";

    // Computed independently with Python's hmac module: hmac.new(b"whsec_grafana", b'1738576800.{"event":"flag.changed"}', sha256).
    private const string Expected = "v1=4cb9894d99cd2ac2208c70a557155b63568e8a3a4209debe24874def5b8c16e4";

    [Fact]
    public void Signs_the_timestamp_a_dot_and_the_body()
    {
        Assert.Equal(Expected, WebhookSignature.Compute("whsec_grafana", 1738576800, Body));
    }

    [Fact]
    public void Verifies_only_the_exact_signature()
    {
        Assert.True(WebhookSignature.Verify("whsec_grafana", 1738576800, Body, Expected));
        Assert.False(WebhookSignature.Verify("whsec_grafana", 1738576801, Body, Expected));
        Assert.False(WebhookSignature.Verify("whsec_grafana", 1738576800, Body + " ", Expected));
        Assert.False(WebhookSignature.Verify("another-secret", 1738576800, Body, Expected));
        Assert.False(WebhookSignature.Verify("whsec_grafana", 1738576800, Body, Expected[3..]));
        Assert.False(WebhookSignature.Verify("whsec_grafana", 1738576800, Body, null));
    }
}
