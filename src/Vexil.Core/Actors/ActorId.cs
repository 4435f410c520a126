namespace Vexil.Core.Actors;

/// <summary>
/// Rules for actor ids (Flipper ids such as <c>User:42</c>). The engine itself accepts any non-empty id, as Flipper
/// does; these rules guard what is written to the store, where an unbounded or invisible id would be a liability.
/// </summary>
public static class ActorId
{
    /// <summary>Longest actor id that may be stored.</summary>
    public const int MaxLength = 255;

    /// <summary>Returns null when the id may be stored, otherwise a sentence saying what is wrong and what to do.</summary>
    public static string? Validate(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "An actor id must not be empty: use a flipper id such as 'User:42'.";
        }

        if (id.Length > MaxLength)
        {
            return $"Actor id '{id[..32]}…' is {id.Length} characters long; use at most {MaxLength}.";
        }

        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (char.IsControl(c))
            {
                return $"Actor id '{Printable(id)}' contains a control character (U+{(int)c:X4}); remove it.";
            }

            if (char.IsHighSurrogate(c) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"Actor id '{Printable(id)}' is not valid Unicode text (a lone surrogate); send it as UTF-8.";
            }
        }

        return null;
    }

    /// <summary>The flipper id GitLab builds for a model: <c>Type:id</c>.</summary>
    public static string Of(string type, string id) => string.Concat(type, ":", id);

    private static string Printable(string id)
    {
        var chars = id.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c).ToArray();
        return new string(chars);
    }
}
