using Microsoft.Extensions.Options;
using Vexil.Server.Api.ChangeStream;
using Vexil.Server.Snapshots;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

public sealed class StreamHeartbeatsTests
{
    [Fact]
    public void Each_tick_pulses_one_slot_of_the_streams_and_a_full_interval_pulses_every_stream_once()
    {
        // Pulsing every stream at once made each of them take a 4 KB send buffer at the same moment (about 40 MB for
        // 10,000 idle streams, left behind as garbage): a tick pulses one slot, and the slots together reach every
        // stream exactly once per interval. (The timer itself is covered by the endpoint's heartbeat test.)
        var options = Options.Create(new StreamOptions());
        var feed = new ChangeFeed(options);
        using var heartbeats = new StreamHeartbeats(options);
        var subscriptions = Enumerable.Range(0, 2 * StreamHeartbeats.Slots).Select(_ => feed.Subscribe("dev")).ToList();
        var registrations = subscriptions.Select(heartbeats.Register).ToList();
        try
        {
            for (var slot = 0; slot < StreamHeartbeats.Slots; slot++)
            {
                Assert.Equal(2, heartbeats.PulseSlot(slot));
                Assert.Equal(2 * (slot + 1), subscriptions.Count(subscription => subscription.Reader.Count > 0));
            }

            Assert.All(subscriptions, subscription => Assert.Equal(1, subscription.Reader.Count));

            // A stream that left is pulsed no more.
            registrations[0].Dispose();
            Assert.Equal(subscriptions.Count - 1, Enumerable.Range(0, StreamHeartbeats.Slots).Sum(heartbeats.PulseSlot));
        }
        finally
        {
            registrations.ForEach(registration => registration.Dispose());
            subscriptions.ForEach(subscription => subscription.Dispose());
        }
    }
}
