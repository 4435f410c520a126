using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vexil.Server.Hosting.Memory;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

public sealed class IdleCollectionTests
{
    private static IdleCollection Create(TimeSpan? interval = null) =>
        new(Options.Create(new IdleCollectionOptions { IdleCollectionInterval = interval ?? TimeSpan.FromSeconds(30) }), NullLogger<IdleCollection>.Instance);

    // Garbage the look should find: more than the 256 KB the service leaves alone.
    private static void MakeGarbage()
    {
        for (var i = 0; i < 64; i++)
        {
            GC.KeepAlive(new byte[8 * 1024]);
        }
    }

    [Fact]
    public void A_look_after_an_interval_without_collections_collects_generation_0()
    {
        var idle = Create();
        // Other tests run in this process and collect too: a look that found a collection by someone else rightly
        // does nothing, so try until an interval passes without one.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            idle.Look();
            var before = GC.CollectionCount(0);
            MakeGarbage();
            var collectionsBefore = idle.Collections;
            if (idle.Look())
            {
                Assert.True(GC.CollectionCount(0) > before);
                Assert.Equal(collectionsBefore + 1, idle.Collections);
                return;
            }

            Assert.NotEqual(before, GC.CollectionCount(0)); // it did nothing only because a collection ran meanwhile
        }

        Assert.Fail("Every interval saw a collection from elsewhere; the idle look was never tested.");
    }

    [Fact]
    public void A_server_that_collects_on_its_own_is_left_alone()
    {
        var idle = Create();
        idle.Look();
        MakeGarbage();
        GC.Collect(0); // as a busy server's own collections do
        Assert.False(idle.Look());
        Assert.Equal(0, idle.Collections);
    }

    [Fact]
    public void On_linux_with_glibc_the_native_heap_is_trimmed()
    {
        // The CI machine and the shipped container images are Debian (glibc): there the trim must work, not be skipped.
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/lib/x86_64-linux-gnu/libc.so.6"), "glibc is not this machine's C library");
        Assert.True(NativeHeap.TryTrim());
        Assert.True(NativeHeap.TryTrim());
    }

    [Fact]
    public async Task A_zero_interval_turns_it_off()
    {
        using var idle = Create(TimeSpan.Zero);
        await idle.StartAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(idle.ExecuteTask);
        await idle.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await idle.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:00.5")]
    public void An_interval_below_a_second_is_refused_with_what_to_set(string interval)
    {
        var result = new IdleCollectionOptionsValidator().Validate(null, new IdleCollectionOptions { IdleCollectionInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.Failed);
        Assert.Contains("Vexil:Memory:IdleCollectionInterval", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("00:00:00 to turn the idle collection off", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:30")]
    public void Zero_and_whole_intervals_are_accepted(string interval)
    {
        var result = new IdleCollectionOptionsValidator().Validate(null, new IdleCollectionOptions { IdleCollectionInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.Succeeded);
    }
}
