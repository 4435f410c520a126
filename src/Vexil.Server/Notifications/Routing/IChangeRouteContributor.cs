using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// A feature outside Notifications that wants deliveries for a change (the GitLab instance's rollout-issue notes, say).
/// <see cref="NotificationRouter"/> asks every registered contributor when it plans a change, so their deliveries go
/// through the same outbox, retries and dead letters as announcements.
/// </summary>
public interface IChangeRouteContributor
{
    /// <summary>The deliveries this contributor wants for <paramref name="change"/>; empty for none. Targets must be unique per change.</summary>
    IEnumerable<NewDelivery> Route(AuditEvent change);
}
