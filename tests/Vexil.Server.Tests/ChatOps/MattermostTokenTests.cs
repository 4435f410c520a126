using Vexil.Server.ChatOps.Mattermost;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

public sealed class MattermostTokenTests
{
    [Fact]
    public void The_configured_token_matches()
    {
        Assert.True(MattermostToken.Matches("xr3j5x3p4pfk7fwx3sdfg7pb6h", "xr3j5x3p4pfk7fwx3sdfg7pb6h"));
        Assert.True(MattermostToken.Matches("xr3j5x3p4pfk7fwx3sdfg7pb6h", " xr3j5x3p4pfk7fwx3sdfg7pb6h "));
    }

    [Theory]
    [InlineData("xr3j5x3p4pfk7fwx3sdfg7pb6")]
    [InlineData("XR3J5X3P4PFK7FWX3SDFG7PB6H")]
    [InlineData("another-token")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_does_not(string? presented)
    {
        Assert.False(MattermostToken.Matches("xr3j5x3p4pfk7fwx3sdfg7pb6h", presented));
    }
}
