namespace Vexil.Client.Tests.Fakes;

/// <summary>Waits for a condition the background sync makes true, failing after a generous bound (never a timing assertion).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {seconds} s: {what}");
            }

            await Task.Delay(20);
        }
    }
}
