namespace Vexil.Server.Storage;

/// <summary>Reads the time an audit event is stamped with.</summary>
internal static class AuditClock
{
    /// <summary>
    /// The current UTC time cut to whole microseconds: PostgreSQL keeps no finer, and both stores cut alike so the
    /// event a write returns equals the event read back later.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
