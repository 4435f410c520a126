using Microsoft.Extensions.Options;
using Vexil.Server.Snapshots;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Replicas;

/// <summary>The replica settings (<c>Vexil:Sync</c>, <c>Vexil:Leadership</c>) and the reconnect backoff they drive.</summary>
public sealed class ReplicaSettingsTests
{
    [Theory]
    [InlineData("Vexil:Sync:ReconnectDelay", "00:00:00", "Vexil:Sync:ReconnectDelay is 00:00:00; set it to a positive time span, e.g. 00:00:01.")]
    [InlineData("Vexil:Sync:MaxReconnectDelay", "00:00:00.5",
        "Vexil:Sync:MaxReconnectDelay (00:00:00.5000000) is shorter than Vexil:Sync:ReconnectDelay (00:00:01); set it to at least the first wait.")]
    [InlineData("Vexil:Sync:PollInterval", "-00:00:01", "Vexil:Sync:PollInterval is -00:00:01; set it to a positive time span, e.g. 00:00:01.")]
    [InlineData("Vexil:Leadership:CheckInterval", "00:00:00", "Vexil:Leadership:CheckInterval is 00:00:00; set it to a positive time span, e.g. 00:00:05.")]
    public void A_bad_replica_setting_stops_the_start_saying_what_to_fix(string key, string value, string message)
    {
        var error = VexilServerFactory.StartupFailure<OptionsValidationException>(
            () => VexilServerFactory.With(new Dictionary<string, string?> { [key] = value }));

        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconnect_waits_double_from_the_first_up_to_the_cap_each_between_half_and_all_of_its_step()
    {
        var draws = new Queue<double>([0.0, 1.0, 0.5, 1.0, 1.0, 0.0]);
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), () => draws.Dequeue());

        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next()); // step 1 s, drawn at the bottom
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.Next()); // step 2 s, drawn at the top
        Assert.Equal(TimeSpan.FromSeconds(3), backoff.Next()); // step 4 s, halfway
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next()); // step 8 s, capped at 5 s
        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next());

        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next());
    }

    [Fact]
    public void Reconnect_waits_stay_at_the_cap_however_many_failures_and_however_long_the_first_wait()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromDays(1), TimeSpan.FromDays(2), () => 1.0);

        for (var failure = 0; failure < 200; failure++)
        {
            Assert.True(backoff.Next() <= TimeSpan.FromDays(2));
        }
    }
}
