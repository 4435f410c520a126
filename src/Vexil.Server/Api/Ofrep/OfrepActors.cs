using System.Buffers;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The actors of one evaluation context in a pooled array: the targeting key first, then <c>context.actors</c>.
/// A mutable struct so that it can live across an await without a heap object; call <see cref="Return"/> when done.
/// </summary>
internal struct OfrepActors
{
    private const int InitialCapacity = 4;

    private string[]? items;

    /// <summary>Number of actors.</summary>
    public int Count { get; private set; }

    /// <summary>The actors, for evaluation.</summary>
    public readonly ReadOnlySpan<string> Span => items is null ? ReadOnlySpan<string>.Empty : items.AsSpan(0, Count);

    /// <summary>Adds an actor at the end.</summary>
    public void Add(string actor)
    {
        EnsureRoom();
        items![Count++] = actor;
    }

    /// <summary>Puts an actor first (the targeting key is the primary actor, whatever the property order).</summary>
    public void Prepend(string actor)
    {
        EnsureRoom();
        Array.Copy(items!, 0, items!, 1, Count);
        items![0] = actor;
        Count++;
    }

    /// <summary>Forgets every actor, keeping the array.</summary>
    public void Clear()
    {
        if (items is not null)
        {
            Array.Clear(items, 0, Count);
        }

        Count = 0;
    }

    /// <summary>Gives the array back to the pool.</summary>
    public void Return()
    {
        if (items is not null)
        {
            Array.Clear(items, 0, Count);
            ArrayPool<string>.Shared.Return(items);
            items = null;
        }

        Count = 0;
    }

    private void EnsureRoom()
    {
        if (items is null)
        {
            items = ArrayPool<string>.Shared.Rent(InitialCapacity);
        }
        else if (Count == items.Length)
        {
            var larger = ArrayPool<string>.Shared.Rent(items.Length * 2);
            Array.Copy(items, larger, Count);
            Array.Clear(items, 0, Count);
            ArrayPool<string>.Shared.Return(items);
            items = larger;
        }
    }
}
