using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Lifecycle;
using Vexil.Server.Rollouts;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Dashboard;

/// <summary>
/// What landed after the dashboard, as the dashboard shows it: rollout plans and their controls, the live checklist,
/// deployments and plans on the timelines, stale flags on the overview, and tokens that cannot read flags at sign-in.
/// Each test has its own server, since plans and deployments are shared by every page.
/// </summary>
public sealed class DashboardRolloutTests
{
    private const string Flag = "duo_chat_multi_thread";
    private const string FlagPage = "/dashboard/flags/" + Flag;
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("metrics")]
    [InlineData("deployments")]
    public async Task A_token_that_cannot_read_flags_is_refused_at_sign_in_with_a_sentence(string kind)
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();
        var (_, secret) = await TokenApi.CreateAsync(admin, "dashboard-" + kind, kind);
        using var browser = DashboardBrowser.Open(factory);

        var response = await browser.SignInAsync(secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains($"The token 'dashboard-{kind}' is a {kind} token, which cannot read feature flags, so it cannot sign in to the dashboard. Sign in with a read, write or admin token", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("vexil_session=", StringComparison.Ordinal)));
        Assert.DoesNotContain("id=\"overview\"", await browser.GetAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_filters_and_marks_the_flags_the_lifecycle_judges_stale()
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();

        // A partial rollout serves both values, so duo_chat_multi_thread is past its lifetime but not stale;
        // code_suggestions_context (16.11, off everywhere) is both.
        await CommandAsync(admin, $"feature set {Flag} 50 --actors --staging");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        var stale = await browser.GetAsync("/?stale=1");
        Assert.Contains("data-flag=\"code_suggestions_context\"", stale, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-flag=\"{Flag}\"", stale, StringComparison.Ordinal);
        Assert.Contains("class=\"mark stale\"", stale, StringComparison.Ordinal);
        Assert.Contains("id=\"stale\" name=\"stale\" type=\"checkbox\" value=\"1\" checked", stale, StringComparison.Ordinal);

        // The API's list is the same judgement.
        using var api = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/flags/stale", Cancel));
        Assert.Contains("code_suggestions_context", api.RootElement.ToString(), StringComparison.Ordinal);

        var all = await browser.GetAsync("/");
        Assert.Contains($"data-flag=\"{Flag}\"", all, StringComparison.Ordinal);
        Assert.Contains("past lifetime", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_flag_page_shows_an_active_plan_and_its_buttons_go_through_feature_rollout()
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, $"feature set {Flag} true --dev");
        var id = await StartPlanAsync(admin);
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        var page = WebUtility.HtmlDecode(await browser.GetAsync(FlagPage));
        Assert.Contains($"data-plan=\"{id}\" data-status=\"running\"", page, StringComparison.Ordinal);
        Assert.Contains("Step 1 of 2 (10%)", page, StringComparison.Ordinal);
        Assert.Contains("next step <time", page, StringComparison.Ordinal);
        Assert.Contains("value=\"pause\">Pause plan</button>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"abort\">Abort plan</button>", page, StringComparison.Ordinal);

        // The checklist, each item with its state and evidence.
        Assert.Contains("data-item=\"definition_exists\" data-state=\"done\"", page, StringComparison.Ordinal);
        Assert.Contains("data-item=\"partial_non_production\" data-state=\"done\"", page, StringComparison.Ordinal);
        Assert.Contains("data-item=\"deployed\" data-state=\"unknown\"", page, StringComparison.Ordinal);
        Assert.Contains("No repository is configured (Vexil:Repository:Url)", page, StringComparison.Ordinal);

        // The plan's step is a change marked as the plan's, and its start is on the timeline too.
        Assert.Contains($"<span class=\"kind\">rollout plan {id}</span>", page, StringComparison.Ordinal);
        Assert.Contains($"started rollout plan {id} on staging: 10%, 50%, every 1h", page, StringComparison.Ordinal);

        var paused = await PostRolloutAsync(browser, "staging", "pause");
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var answer = WebUtility.HtmlDecode(await paused.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("The rollout plan is paused.", answer, StringComparison.Ordinal);
        Assert.Contains($"data-plan=\"{id}\" data-status=\"paused\"", answer, StringComparison.Ordinal);
        Assert.Contains("value=\"resume\">Resume plan</button>", answer, StringComparison.Ordinal);

        // Pausing a paused plan is refused by the engine, and the refusal is shown.
        var again = await PostRolloutAsync(browser, "staging", "pause");
        var refusal = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("class=\"outcome refused\" role=\"alert\"", refusal, StringComparison.Ordinal);

        var plan = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/rollouts/{id}", Cancel)).RootElement;
        Assert.Equal("paused", plan.GetProperty("status").GetString());

        var aborted = WebUtility.HtmlDecode(await (await PostRolloutAsync(browser, "staging", "abort")).Content.ReadAsStringAsync(Cancel));
        Assert.Contains("The rollout plan is aborted; the flag stays as it is.", aborted, StringComparison.Ordinal);
        Assert.Contains($"rollout plan {id} on staging aborted", aborted, StringComparison.Ordinal);
        Assert.DoesNotContain("Pause plan", aborted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_paused_by_a_failed_check_shows_why_and_its_latest_check_values()
    {
        await using var factory = new VexilServerFactory();
        var at = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        var plan = await factory.Services.GetRequiredService<IRolloutStore>().CreateAsync(new RolloutPlan
        {
            Flag = Flag,
            Environment = "staging",
            Status = RolloutStatus.Paused,
            Steps = [new RolloutStep(10, at, at), new RolloutStep(50, at.AddMinutes(15))],
            Every = TimeSpan.FromMinutes(15),
            Checks = ["error_rate"],
            CurrentStep = 0,
            Reason = "error_rate failed at step 2: rolled back to 10%.",
            LatestChecks = [new CheckReading("error_rate", "sum(rate(errors[5m]))", 0.05, "<= 0.01", CheckReading.Failed, null, at.AddMinutes(16))],
            CreatedBy = "alice",
            CreatedAt = at,
            UpdatedAt = at.AddMinutes(16),
        }, Cancel);
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        var page = WebUtility.HtmlDecode(await browser.GetAsync(FlagPage));

        Assert.Contains($"data-plan=\"{plan.Id}\" data-status=\"paused\"", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"refusal\">error_rate failed at step 2: rolled back to 10%.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"check-failed\">error_rate = 0.05 (limit <= 0.01): failed</li>", page, StringComparison.Ordinal);
        Assert.Contains("steps 10%, 50% every 15m", page, StringComparison.Ordinal);
        Assert.Contains("started by alice", page, StringComparison.Ordinal);
        Assert.Contains("value=\"resume\">Resume plan</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_token_sees_the_plan_without_buttons_and_a_crafted_control_is_refused()
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, $"feature set {Flag} true --dev");
        var id = await StartPlanAsync(admin);
        var (_, secret) = await TokenApi.CreateAsync(admin, "dashboard-plan-reader", "read");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(secret);

        var page = await browser.GetAsync(FlagPage);
        Assert.Contains($"data-plan=\"{id}\" data-status=\"running\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pause plan", page, StringComparison.Ordinal);

        var crafted = await PostRolloutAsync(browser, "staging", "abort");
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Contains("may not control rollout plans on staging", WebUtility.HtmlDecode(await crafted.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
        Assert.Equal("running", JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/rollouts/{id}", Cancel)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deployments_and_plans_join_the_audit_page_and_the_flag_timeline_and_the_filters_still_apply()
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, $"feature set {Flag} true --dev");
        var id = await StartPlanAsync(admin);
        using (var deployed = await admin.PostAsJsonAsync("/api/v1/deployments", new { environment = "staging", sha = Sha, @ref = "main", status = "success", url = "https://gitlab.example.com/group/app/-/jobs/42" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        }

        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        const string deployment = "Deployed main (0123456789a) to staging: success";
        var audit = WebUtility.HtmlDecode(await browser.GetAsync("/dashboard/audit"));
        Assert.Contains("data-kind=\"deployment\"", audit, StringComparison.Ordinal);
        Assert.Contains(deployment, audit, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://gitlab.example.com/group/app/-/jobs/42\" rel=\"noreferrer\">pipeline</a>", audit, StringComparison.Ordinal);
        Assert.Contains($"started rollout plan {id} on staging", audit, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"kind\">rollout plan {id}</span>", audit, StringComparison.Ordinal);

        // Deployments have no flag: a flag filter leaves them out, and an environment filter keeps only its own.
        var byFlag = WebUtility.HtmlDecode(await browser.GetAsync($"/dashboard/audit?flag={Flag}"));
        Assert.DoesNotContain(deployment, byFlag, StringComparison.Ordinal);
        Assert.Contains($"started rollout plan {id} on staging", byFlag, StringComparison.Ordinal);
        var dev = WebUtility.HtmlDecode(await browser.GetAsync("/dashboard/audit?environment=dev"));
        Assert.DoesNotContain(deployment, dev, StringComparison.Ordinal);
        Assert.DoesNotContain($"started rollout plan {id}", dev, StringComparison.Ordinal);
        var staging = WebUtility.HtmlDecode(await browser.GetAsync("/dashboard/audit?environment=staging"));
        Assert.Contains(deployment, staging, StringComparison.Ordinal);

        // The flag's own timeline shows the deployments that came after its first change.
        var page = WebUtility.HtmlDecode(await browser.GetAsync(FlagPage));
        Assert.Contains(deployment, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_plan_on_a_protected_environment_needs_the_flag_name_typed_but_pausing_does_not()
    {
        await using var factory = new VexilServerFactory();
        using var admin = factory.CreateAdminClient();
        await CommandAsync(admin, $"feature set {Flag} true --dev --pre --staging --staging-ref");
        var id = await StartPlanAsync(admin, "production");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        var paused = WebUtility.HtmlDecode(await (await PostRolloutAsync(browser, "production", "pause")).Content.ReadAsStringAsync(Cancel));
        Assert.Contains("The rollout plan is paused.", paused, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"confirm-plan-{id}\">Type <code>{Flag}</code> to resume on production</label>", paused, StringComparison.Ordinal);

        var unconfirmed = WebUtility.HtmlDecode(await (await PostRolloutAsync(browser, "production", "resume")).Content.ReadAsStringAsync(Cancel));
        Assert.Contains($"production is protected: type the flag's name ({Flag}) in the confirmation field to resume its rollout plan.", unconfirmed, StringComparison.Ordinal);
        Assert.Equal("paused", JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/rollouts/{id}", Cancel)).RootElement.GetProperty("status").GetString());

        var resumed = WebUtility.HtmlDecode(await (await PostRolloutAsync(browser, "production", "resume", Flag)).Content.ReadAsStringAsync(Cancel));
        Assert.Contains("The rollout plan is resumed.", resumed, StringComparison.Ordinal);
        Assert.NotEqual("paused", JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/rollouts/{id}", Cancel)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_stale_filter_says_so_when_the_judgement_fails_rather_than_list_every_flag()
    {
        await using var factory = new BrokenEvaluationsFactory();
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);

        var response = await browser.Client.GetAsync("/?stale=1", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Vexil could not judge which flags are stale (the evaluation counts are away); try again, or clear the Stale only filter to see every flag.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-flag=", html, StringComparison.Ordinal);

        // The plain overview does not wait on the judgement, so it still lists every flag.
        Assert.Contains($"data-flag=\"{Flag}\"", await browser.GetAsync("/"), StringComparison.Ordinal);
    }

    private static async Task CommandAsync(HttpClient admin, string text)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/commands", new { text }, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{text}: {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    // A plan on staging whose second step is an hour away, so it stays at step 1 for the test.
    private static async Task<long> StartPlanAsync(HttpClient admin, string environment = "staging")
    {
        using var start = await admin.PostAsJsonAsync("/api/v1/rollouts", new { flag = Flag, environment, steps = new[] { 10, 50 }, every = "1h", verify = "0s" }, Cancel);
        Assert.True(start.StatusCode == HttpStatusCode.Created, await start.Content.ReadAsStringAsync(Cancel));
        return JsonDocument.Parse(await start.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<HttpResponseMessage> PostRolloutAsync(DashboardBrowser browser, string environment, string action, string confirm = "")
    {
        var csrf = await browser.CsrfAsync(FlagPage);
        return await browser.Client.PostAsync(
            FlagPage + "?handler=Rollout",
            DashboardBrowser.Form(("environment", environment), ("rolloutAction", action), ("confirm", confirm), ("__csrf", csrf)),
            Cancel);
    }

    // A server whose evaluation counts cannot be read, so the lifecycle's judgement fails.
    private sealed class BrokenEvaluationsFactory : VexilServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IEvaluationActivity, BrokenEvaluations>());
        }
    }

    private sealed class BrokenEvaluations : IEvaluationActivity
    {
        public Task<bool> IsRecordedAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the evaluation counts are away");

        public Task<FlagActivity> GetAsync(string flag, CancellationToken cancellationToken) => throw new InvalidOperationException("the evaluation counts are away");
    }
}
