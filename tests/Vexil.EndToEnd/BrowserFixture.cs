using Microsoft.Playwright;
using Xunit;

namespace Vexil.EndToEnd;

/// <summary>
/// One headless Chromium for the test class: Debian's <c>/usr/bin/chromium</c> driven by Playwright (no browser
/// download). When it is missing the tests skip, unless <c>VEXIL_REQUIRE_BROWSER=1</c> (CI), where they fail saying so.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    /// <summary>The browser, or null when Chromium is missing and not required.</summary>
    public IBrowser? Browser { get; private set; }

    /// <summary>Where screenshots go: <c>artifacts/</c> next to the test binaries.</summary>
    public static string ArtifactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Skips the test (or fails it under VEXIL_REQUIRE_BROWSER=1) when there is no browser.</summary>
    public IBrowser Require()
    {
        if (Browser is not null)
        {
            return Browser;
        }

        Assert.Skip($"{ChromiumPath} is missing: install Debian's chromium package to run the dashboard's browser tests.");
        return null!;
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable("VEXIL_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException($"VEXIL_REQUIRE_BROWSER=1 but {ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium).");
            }

            return;
        }

        Directory.CreateDirectory(ArtifactsFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
