using Vexil.Server.Storage;

namespace Vexil.Server.Changes;

/// <summary>
/// Hears about every change <see cref="FlagChangeService"/> commits, from any entry point (chat, CLI, REST,
/// dashboard). It runs on the write path after the commit, so it must return at once and must not fail the write:
/// anything slow (sending notifications) belongs on a background worker that the observer merely wakes.
/// </summary>
public interface IChangeObserver
{
    /// <summary>Called once per committed change, after the environment's snapshot has caught up with it.</summary>
    /// <param name="change">The change's audit event, as written.</param>
    void OnCommitted(AuditEvent change);
}
