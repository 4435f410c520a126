using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vexil.Core.Actors;

namespace Vexil.Client;

/// <summary>
/// Anything a flag is decided for, named by its flipper id <c>Type:id</c> (<c>User:42</c>, <c>Project:gitlab-org/gitlab</c>).
/// A struct around one string, so passing actors costs nothing: a span of actors is read by the engine as a span of ids.
/// </summary>
public readonly struct Actor : IEquatable<Actor>
{
    // The only field: the engine reads a span of actors as a span of strings (see AsIds), so the layout must stay one reference.
    private readonly string? flipperId;

    /// <summary>An actor named by its flipper id, e.g. <c>new Actor("User:42")</c>.</summary>
    public Actor(string flipperId)
    {
        this.flipperId = flipperId;
    }

    /// <summary>The flipper id, or an empty string for <c>default(Actor)</c>.</summary>
    public string FlipperId => flipperId ?? string.Empty;

    /// <summary>The actor of type <paramref name="type"/> and id <paramref name="id"/>: <c>Actor.For("User", "42")</c> is <c>User:42</c>.</summary>
    public static Actor For(string type, string id) => new(ActorId.Of(type, id));

    /// <summary>
    /// One actor per request (per async flow), like GitLab's <c>Feature.current_request</c>: a percentage-of-actors flag
    /// checked for it gives the same answer throughout one request. Inside <see cref="RequestActorScope.Begin"/> (which the
    /// ASP.NET Core integration starts for every request) the id is shared by the whole request; outside any scope it is
    /// sticky for the current async flow and the code it calls.
    /// </summary>
    public static Actor CurrentRequest => new(RequestActorScope.CurrentId());

    /// <inheritdoc />
    public bool Equals(Actor other) => string.Equals(flipperId, other.flipperId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Actor other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => flipperId is null ? 0 : StringComparer.Ordinal.GetHashCode(flipperId);

    /// <summary>The flipper id.</summary>
    public override string ToString() => FlipperId;

    /// <summary>True when both name the same actor.</summary>
    public static bool operator ==(Actor left, Actor right) => left.Equals(right);

    /// <summary>True when they name different actors.</summary>
    public static bool operator !=(Actor left, Actor right) => !left.Equals(right);

    /// <summary>
    /// The actors' ids without copying: Actor is exactly one string reference, so the memory of a span of actors is a span
    /// of strings. A default actor reads as a null id, which every gate skips.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ReadOnlySpan<string> AsIds(ReadOnlySpan<Actor> actors) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Actor, string>(ref MemoryMarshal.GetReference(actors)), actors.Length);
}
