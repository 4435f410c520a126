using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>
/// <c>/api/v1/rollouts</c> and the checklist endpoints on the real web host, whose hosted <c>RolloutRunner</c> runs on a
/// <see cref="FakeTimeProvider"/>: moving the clock 15 minutes wakes it and it applies the next step.
/// </summary>
public sealed class RolloutsApiTests
{
    private const string Flag = "duo_chat_multi_thread";
    private static readonly DateTimeOffset Start = new(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plan_started_through_the_api_is_stepped_by_the_runner_when_the_clock_moves()
    {
        var clock = new FakeTimeProvider(Start);
        await using var factory = new FakeClockFactory(clock);
        using var client = factory.CreateAdminClient();
        using (var staging = await client.PostAsJsonAsync("/api/v1/commands", new { text = $"feature set {Flag} true --dev --pre --staging --staging-ref" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, staging.StatusCode);
        }

        using var start = await client.PostAsJsonAsync("/api/v1/rollouts", new { flag = Flag, environment = "gprd", steps = new[] { 5, 50, 100 }, every = "15m", verify = "0s" }, Cancel);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var plan = JsonDocument.Parse(await start.Content.ReadAsStringAsync(Cancel)).RootElement;
        var id = plan.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/rollouts/{id}", start.Headers.Location!.OriginalString);
        Assert.Equal("production", plan.GetProperty("environment").GetString());
        Assert.Equal("15m", plan.GetProperty("every").GetString());
        Assert.Equal(0, plan.GetProperty("currentStep").GetInt32());

        clock.Advance(TimeSpan.FromMinutes(15));
        await EventuallyAsync(async () => (await GetAsync(client, id)).GetProperty("currentStep").GetInt32() == 1, "the runner applies step 2");
        var steps = (await GetAsync(client, id)).GetProperty("steps");
        Assert.Equal(Start.AddMinutes(15), steps[1].GetProperty("appliedAt").GetDateTimeOffset());

        using var again = await client.PostAsJsonAsync("/api/v1/rollouts", new { flag = Flag }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var pause = await client.PostAsync($"/api/v1/rollouts/{id}/pause", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal("paused", (await GetAsync(client, id)).GetProperty("status").GetString());
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/rollouts", Cancel));
        Assert.Equal(id, Assert.Single(list.RootElement.EnumerateArray()).GetProperty("id").GetInt64());

        using var abort = await client.PostAsync($"/api/v1/rollouts/{id}/abort", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, abort.StatusCode);
        using var abortAgain = await client.PostAsync($"/api/v1/rollouts/{id}/abort", null, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, abortAgain.StatusCode);
    }

    [Theory]
    [InlineData("""{"flag":"duo_chat_multi_thread","steps":[50,10]}""", 400, "Steps must rise: 10 comes after 50; list them in increasing order, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("""{"flag":"duo_chat_multi_thread","every":"15 minutes"}""", 400, "`every` is '15 minutes', which is not a duration; write a whole number with s, m, h or d, e.g. 20s, 15m, 1h or 1d.")]
    [InlineData("""{"flag":"duo_chat_multi_thread","environment":"moon"}""", 400, null)]
    [InlineData("""{"flag":"duo_chat_multi_thread","checks":["error_rate"]}""", 400, "Unknown check 'error_rate': none is configured (Vexil:Rollouts:Checks). Add it under Vexil:Rollouts:Checks:error_rate, or name a configured one.")]
    [InlineData("""{"environment":"production"}""", 400, null)]
    public async Task Bad_requests_get_a_problem_saying_what_to_fix(string body, int status, string? detail)
    {
        await using var factory = new VexilServerFactory();
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync("/api/v1/rollouts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(status, (int)response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task The_checklist_and_the_rollout_issue_are_served_and_need_a_token()
    {
        await using var factory = new VexilServerFactory();
        using var client = factory.CreateAdminClient();
        using var checklist = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/flags/{Flag}/checklist", Cancel));
        var items = checklist.RootElement.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(12, items.Length);
        Assert.Equal("done", items[0].GetProperty("state").GetString());

        using var issue = await client.GetAsync($"/api/v1/flags/{Flag}/rollout-issue", Cancel);
        Assert.Equal("text/markdown; charset=utf-8", issue.Content.Headers.ContentType!.ToString());
        Assert.StartsWith($"# [Feature flag] Rollout of `{Flag}`", await issue.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        using var anonymous = factory.CreateClient();
        using var refused = await anonymous.GetAsync($"/api/v1/flags/{Flag}/checklist", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, long id)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/rollouts/{id}", Cancel));
        return json.RootElement.Clone();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // a bound against hanging, not a speed check
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 30 s: {what}.");
            await Task.Delay(50, Cancel);
        }
    }

    private sealed class FakeClockFactory(FakeTimeProvider clock) : VexilServerFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }
    }
}
