using System.Net.Http.Json;
using Microsoft.Playwright;
using Vexil.Testing;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Vexil.EndToEnd;

/// <summary>
/// The dashboard in a real browser against the real server process: each test starts its own server (a fresh
/// database), signs in, and fails on any browser console error (a Content-Security-Policy violation is one).
/// </summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Flag = "duo_chat_multi_thread";
    private const string OtherFlag = "code_suggestions_context";

    [Fact]
    public async Task Sign_in_refuses_a_wrong_token_and_accepts_a_right_one()
    {
        await using var session = await OpenAsync(signIn: false);
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await page.GetByLabel("API token").FillAsync("vxl_wrong_token");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That token is not valid");

        await page.GetByLabel("API token").FillAsync(RealServerProcess.AdminToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as")).ToContainTextAsync("bootstrap-admin");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_overview_shows_both_seed_flags_and_their_states()
    {
        await using var session = await OpenAsync();
        await session.CommandAsync($"feature set {Flag} 50 --actors --staging");
        await session.CommandAsync($"feature set {OtherFlag} true --dev");
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await Expect(Cell(page, Flag, "staging")).ToHaveTextAsync("50% of actors");
        await Expect(Cell(page, Flag, "production")).ToHaveTextAsync("default off");
        await Expect(Cell(page, OtherFlag, "dev")).ToHaveTextAsync("on");
        await Expect(Cell(page, OtherFlag, "staging")).ToHaveTextAsync("default off");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "overview.png"), FullPage = true });

        // On a phone the page itself does not scroll sideways: the matrix scrolls inside its own box.
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The overview is wider than a phone's screen.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "overview-phone.png"), FullPage = true });
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Setting_50_percent_of_actors_on_staging_from_the_flag_page_is_audited()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url($"/dashboard/flags/{Flag}"));
        await page.Locator("#pct-staging").FillAsync("50");
        await page.Locator("form:has(#pct-staging)").GetByRole(AriaRole.Button, new() { Name = "Set percentage" }).ClickAsync();
        await Expect(page.Locator("#outcome")).ToContainTextAsync("percentage_of_actors: 50");
        await Expect(page.Locator("#env-staging")).ToContainTextAsync("50% of actors");
        await Expect(page.Locator(".timeline .change").First).ToContainTextAsync("has been set to '50%' of actors on staging");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "flag-page.png"), FullPage = true });

        await page.GotoAsync(session.Url($"/dashboard/audit?flag={Flag}"));
        await Expect(page.Locator("[data-live=changes] .change").First).ToContainTextAsync("via dashboard");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_change_made_through_the_api_appears_live_without_a_reload()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await Expect(Cell(page, Flag, "staging")).ToHaveTextAsync("default off");
        await page.EvaluateAsync("() => { window.vexilNotReloaded = true; }");

        // Wait until the page's event stream is connected, or the change could slip past before it subscribes.
        await page.Locator("body[data-live-connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await session.CommandAsync($"feature set {Flag} true --staging");

        await Expect(Cell(page, Flag, "staging")).ToHaveTextAsync("on");
        Assert.True(await page.EvaluateAsync<bool>("() => window.vexilNotReloaded === true"), "The page reloaded instead of updating in place.");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_flag_stored_for_the_first_time_appears_on_an_open_overview_without_a_reload()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url("/"));
        await Expect(page.Locator("#overview tr[data-flag='experimental_thing']")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => { window.vexilNotReloaded = true; }");
        await page.Locator("body[data-live-connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // No definition and never stored: the overview has no row for it until the change arrives.
        await session.CommandAsync("feature set experimental_thing true --dev --force");

        await Expect(Cell(page, "experimental_thing", "dev")).ToHaveTextAsync("on");
        await Expect(page.Locator("#overview tr[data-flag='experimental_thing']")).ToContainTextAsync("no definition");
        Assert.True(await page.EvaluateAsync<bool>("() => window.vexilNotReloaded === true"), "The page reloaded instead of updating in place.");

        // The swapped matrix still follows changes cell by cell.
        await session.CommandAsync($"feature set {Flag} true --staging");
        await Expect(Cell(page, Flag, "staging")).ToHaveTextAsync("on");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_rollout_plan_is_shown_on_the_flag_page_and_paused_from_it()
    {
        await using var session = await OpenAsync();
        await session.CommandAsync($"feature set {Flag} true --dev");
        await session.CommandAsync($"feature rollout {Flag} --staging --steps 10,50 --every 1h --verify 0s");
        var page = session.Page;
        await page.GotoAsync(session.Url($"/dashboard/flags/{Flag}"));
        var plan = page.Locator("[data-plan]").First;
        await Expect(plan).ToHaveAttributeAsync("data-status", "running");
        await Expect(plan).ToContainTextAsync("Step 1 of 2 (10%)");
        await Expect(page.Locator("[data-item=definition_exists]")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.Locator(".timeline .rollout").First).ToContainTextAsync("rollout plan");

        await plan.GetByRole(AriaRole.Button, new() { Name = "Pause plan" }).ClickAsync();
        await Expect(page.Locator("#outcome")).ToContainTextAsync("The rollout plan is paused.");
        await Expect(page.Locator("[data-plan]").First).ToHaveAttributeAsync("data-status", "paused");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "flag-page-rollout.png"), FullPage = true });
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_production_change_refused_by_the_consistency_check_shows_the_refusal()
    {
        await using var session = await OpenAsync();
        var page = session.Page;
        await page.GotoAsync(session.Url($"/dashboard/flags/{Flag}"));
        var form = page.Locator("form:has(#confirm-production-switch)");
        await form.GetByLabel("to confirm a change on production").FillAsync(Flag);
        await form.GetByRole(AriaRole.Button, new() { Name = "Enable for everyone" }).ClickAsync();
        await Expect(page.Locator("#outcome")).ToContainTextAsync("Unable to proceed due to inconsistent feature flag status");
        await Expect(page.Locator("#env-production")).ToContainTextAsync("default off");
        await Expect(page.Locator(".timeline .attempt").First).ToContainTextAsync("Refused");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_production_change_needs_the_flag_name_typed()
    {
        await using var session = await OpenAsync();
        await session.CommandAsync($"feature set {Flag} true --staging");
        var page = session.Page;
        await page.GotoAsync(session.Url($"/dashboard/flags/{Flag}"));
        var form = page.Locator("form:has(#confirm-production-switch)");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enable for everyone" }).ClickAsync();
        await Expect(page.Locator("#outcome")).ToContainTextAsync("production is protected: type the flag's name");
        await Expect(page.Locator("#env-production")).ToContainTextAsync("default off");

        form = page.Locator("form:has(#confirm-production-switch)");
        await form.GetByLabel("to confirm a change on production").FillAsync(Flag);
        await form.GetByRole(AriaRole.Button, new() { Name = "Enable for everyone" }).ClickAsync();
        await Expect(page.Locator("#outcome")).ToContainTextAsync("The feature flag value has been updated!");
        await Expect(page.Locator("#env-production")).ToContainTextAsync("on");
        session.AssertNoConsoleErrors();
    }

    private static ILocator Cell(IPage page, string flag, string environment) =>
        page.Locator($"#overview tr[data-flag='{flag}'] td").Nth(4 + EnvironmentIndex(environment));

    // The default environments in the order the overview's columns show them.
    private static int EnvironmentIndex(string environment) =>
        Array.IndexOf(["dev", "pre", "staging-canary", "staging", "staging-ref", "ops", "production-canary", "production"], environment);

    private async Task<Session> OpenAsync(bool signIn = true)
    {
        var chromium = browser.Require();
        var server = await RealServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var context = await chromium.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var session = new Session(server, context, page);
        if (signIn)
        {
            await page.GotoAsync(session.Url("/"));
            await page.GetByLabel("API token").FillAsync(RealServerProcess.AdminToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        }

        return session;
    }

    private sealed class Session : IAsyncDisposable
    {
        private readonly List<string> consoleErrors = [];

        public Session(RealServerProcess server, IBrowserContext context, IPage page)
        {
            Server = server;
            Context = context;
            Page = page;
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (consoleErrors)
                    {
                        consoleErrors.Add(message.Text);
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(error);
                }
            };
        }

        public RealServerProcess Server { get; }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public string Url(string path) => new Uri(Server.BaseAddress, path).ToString();

        public async Task CommandAsync(string text)
        {
            using var client = new HttpClient { BaseAddress = Server.BaseAddress };
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", RealServerProcess.AdminToken);
            var response = await client.PostAsJsonAsync("api/v1/commands", new { text }, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode && body.Contains("\"ok\":true", StringComparison.Ordinal), $"{text}: {body}");
        }

        public void AssertNoConsoleErrors()
        {
            lock (consoleErrors)
            {
                Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", consoleErrors));
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
