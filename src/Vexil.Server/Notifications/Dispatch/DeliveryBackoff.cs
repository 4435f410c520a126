namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// When to try again: the initial wait after the first failure, doubling each time, capped at the maximum; no retry
/// once the attempts are used up. There is no random jitter: a Vexil server sends a handful of messages per change,
/// not enough to stampede a receiver, and a fixed schedule is what the delivery list can show and tests can check.
/// </summary>
public static class DeliveryBackoff
{
    /// <summary>The wait after <paramref name="attemptsMade"/> failed attempts; null when none may follow.</summary>
    public static TimeSpan? After(int attemptsMade, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (attemptsMade >= options.MaxAttempts)
        {
            return null;
        }

        var initial = options.InitialBackoffValue;
        var maximum = options.MaxBackoffValue;
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var wait = initial.TotalMilliseconds * Math.Pow(2, exponent);
        return wait >= maximum.TotalMilliseconds ? maximum : TimeSpan.FromMilliseconds(wait);
    }
}
