using System.Net;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

public sealed class ServerHostingTests : IClassFixture<VexilServerFactory>
{
    private readonly VexilServerFactory factory;

    public ServerHostingTests(VexilServerFactory factory) => this.factory = factory;

    [Fact]
    public async Task Home_page_links_the_apis_and_the_openapi_document()
    {
        var html = await factory.CreateClient().GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("/api/v4/features", html, StringComparison.Ordinal);
        Assert.Contains("/ofrep/v1/evaluate/flags", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_200_when_the_store_answers()
    {
        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Openapi_document_and_favicon_are_served()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).StatusCode);
        var favicon = await client.GetAsync("/favicon.ico", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
    }
}
