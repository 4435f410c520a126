using Vexil.Server.Rollouts;
using Xunit;

namespace Vexil.Server.Tests.Rollouts;

/// <summary>Bad input to a plan gets one sentence saying what was wrong and what to do, and nothing is started.</summary>
public sealed class RolloutInputTests
{
    private const string Flag = RolloutHarness.Flag;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("--steps 10,5", "Steps must rise: 5 comes after 10; list them in increasing order, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("--steps 10,10", "Steps must rise: 10 comes after 10; list them in increasing order, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("--steps 0,50", "Step 0 is not above 0; each step is a percentage above 0 and at most 100, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("--steps 50,101", "Step 101 is above 100; each step is a percentage above 0 and at most 100, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("--steps 1,ten", "Step 'ten' is not a percentage; list numbers above 0 and at most 100, e.g. --steps 1,10,25,50,75,100.")]
    [InlineData("--every 15x", "`--every` is '15x', which is not a duration; write a whole number with s, m, h or d, e.g. 20s, 15m, 1h or 1d.")]
    [InlineData("--every 0s", "`--every` is '0s', which is not a duration; write a whole number with s, m, h or d, e.g. 20s, 15m, 1h or 1d.")]
    [InlineData("--verify soon", "`--verify` is 'soon', which is not a duration; write a whole number with s, m, h or d, e.g. 20s, 15m, 1h or 1d (0s for none).")]
    [InlineData("--check nope", "Unknown check 'nope': configured: error_rate, latency. Add it under Vexil:Rollouts:Checks:nope, or name a configured one.")]
    [InlineData("--staging", "A rollout plan runs in one environment: name one, e.g. `--production`.")]
    [InlineData("--user=lulalala", "`--user` does not apply to `feature rollout`; `feature --help` shows the options of each subcommand.")]
    public async Task Bad_input_is_refused_with_what_to_do(string options, string message)
    {
        await using var harness = await RolloutHarness.StartAsync();
        var result = await harness.CliAsync($"feature rollout {Flag} --production {options}");
        Assert.False(result.Ok);
        Assert.Equal(message, result.ToPlainText());
        Assert.Empty(await harness.Plans.ListAsync(activeOnly: false, 10, Cancel));
        Assert.Null(harness.State());
    }

    [Fact]
    public async Task A_second_plan_for_the_same_flag_and_environment_is_refused()
    {
        await using var harness = await RolloutHarness.StartAsync();
        await harness.EnableOnNonProductionAsync();
        await harness.MustAsync($"feature rollout {Flag} --production");
        var second = await harness.CliAsync($"feature rollout {Flag} --production --steps 50,100");
        Assert.False(second.Ok);
        Assert.Equal(
            $"{Flag} already has an active rollout plan on production; see it with `feature rollout status {Flag}`, or end it with `feature rollout abort {Flag}` before starting another.",
            second.ToPlainText());
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_active_plan()
    {
        await using var harness = await RolloutHarness.StartAsync();
        var plan = new RolloutPlan { Flag = Flag, Environment = "production", Steps = [new RolloutStep(50)], Every = TimeSpan.FromMinutes(15), CreatedBy = "test" };
        await harness.Plans.CreateAsync(plan, Cancel);
        await Assert.ThrowsAsync<RolloutAlreadyActiveException>(() => harness.Plans.CreateAsync(plan, Cancel));
    }

    [Fact]
    public async Task A_check_whose_baseline_cannot_be_read_stops_the_start()
    {
        await using var harness = await RolloutHarness.StartAsync();
        harness.Prometheus.NoSeries(RolloutHarness.ErrorQuery);
        var result = await harness.CliAsync($"feature rollout {Flag} --production --check error_rate");
        Assert.False(result.Ok);
        Assert.StartsWith("The baseline of check 'error_rate' could not be captured: The query returned no series;", result.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("feature rollout status", "`feature rollout status` needs the flag's name, e.g. `feature rollout status duo_chat_multi_thread`.")]
    [InlineData("feature rollout pause duo_chat_multi_thread --steps 1,2", "`--steps` applies to starting a plan (`feature rollout NAME --steps ...`), not to `feature rollout pause`.")]
    [InlineData("feature rollout duo_chat_multi_thread extra", "Unexpected argument \"extra\": write `feature rollout NAME [options]` to start a plan, or `feature rollout status|pause|resume|abort NAME`.")]
    [InlineData("feature rollout duo_chat_multi_thread --steps", "`--steps` needs a value, e.g. `--steps=1,10,25,50,75,100`.")]
    public async Task Command_grammar_errors_say_how_to_write_it(string text, string message)
    {
        await using var harness = await RolloutHarness.StartAsync();
        var result = await harness.CliAsync(text);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.ToPlainText());
    }

    [Theory]
    [InlineData("20s", 20)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    public void Durations_take_seconds_minutes_hours_and_days(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RolloutDuration.Parse(text));
        Assert.Equal(text, RolloutDuration.Format(TimeSpan.FromSeconds(seconds)));
    }
}
