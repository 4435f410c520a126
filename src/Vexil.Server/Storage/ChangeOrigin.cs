namespace Vexil.Server.Storage;

/// <summary>Where a change came from, recorded in its audit event.</summary>
/// <param name="User">Who made it: a user name, chat user, or token name.</param>
/// <param name="Via">Through what: <c>cli</c>, <c>chat</c>, <c>api</c>, <c>dashboard</c> or <c>rollout</c> (see <see cref="ChangeChannels"/>).</param>
/// <param name="From">From where: a chat channel or a client address.</param>
/// <param name="Reason">Why, when the person said.</param>
/// <param name="RequestId">The request id that carried it, to join logs and audit.</param>
public sealed record ChangeOrigin(string User, string Via, string? From = null, string? Reason = null, string? RequestId = null)
{
    /// <summary>A human title for the event, e.g. GitLab's "Feature flag 'x' has been set to '50%' of actors on staging".</summary>
    public string? Title { get; init; }

    /// <summary>Extra facts: scopes, overrides used, the rollout issue URL. Stored as JSON.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}
