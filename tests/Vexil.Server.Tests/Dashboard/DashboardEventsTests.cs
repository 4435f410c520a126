using System.Net.Http.Json;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Dashboard;

public sealed class DashboardEventsTests : IClassFixture<VexilServerFactory>
{
    private readonly VexilServerFactory factory;

    public DashboardEventsTests(VexilServerFactory factory) => this.factory = factory;

    [Fact]
    public async Task A_change_made_through_the_api_reaches_the_session_as_the_cells_new_summary()
    {
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);
        var lines = await ReadEventsAsync(browser, "feature set duo_chat_multi_thread 25 --actors --staging", "event: change");
        Assert.Contains(lines, line => line.StartsWith("data: ", StringComparison.Ordinal)
            && line.Contains("\"environment\":\"staging\"", StringComparison.Ordinal)
            && line.Contains("\"flag\":\"duo_chat_multi_thread\"", StringComparison.Ordinal)
            && line.Contains("\"text\":\"25% of actors\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_hears_nothing_of_environments_its_token_may_not_read()
    {
        using var admin = factory.CreateAdminClient();
        var (_, secret) = await TokenApi.CreateAsync(admin, "dashboard-dev-reader-" + Guid.NewGuid().ToString("N")[..8], "read", "dev");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(secret);

        // The staging change comes first; the dev change after it proves the stream was live when staging's passed.
        var lines = await ReadEventsAsync(browser, "feature set code_suggestions_context true --staging", "event: change", then: "feature set code_suggestions_context true --dev");
        var data = lines.Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).ToList();
        Assert.Single(data);
        Assert.Contains("\"environment\":\"dev\"", data[0], StringComparison.Ordinal);
    }

    private async Task<List<string>> ReadEventsAsync(DashboardBrowser browser, string command, string until, string? then = null)
    {
        // A generous upper bound on a wait that ends as soon as the event arrives.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        using var response = await browser.Client.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(deadline.Token));

        using var admin = factory.CreateAdminClient();
        foreach (var text in then is null ? [command] : new[] { command, then })
        {
            var answer = await admin.PostAsJsonAsync("/api/v1/commands", new { text }, deadline.Token);
            Assert.True(answer.IsSuccessStatusCode);
        }

        // Reads up to the first event named `until` and its data line.
        var lines = new List<string>();
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            lines.Add(line);
            if (line == until)
            {
                lines.Add(await reader.ReadLineAsync(deadline.Token) ?? string.Empty);
                break;
            }
        }

        return lines;
    }
}
