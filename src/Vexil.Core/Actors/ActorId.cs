using Vexil.Core.Text;

namespace Vexil.Core.Actors;

/// <summary>
/// Rules for actor ids (Flipper ids such as <c>User:42</c>). The engine itself accepts any non-empty id, as Flipper
/// does; these rules guard every door (the APIs, commands, chat and OFREP contexts), where an unbounded, broken or
/// disguised id would be a liability: see <see cref="TextRules"/>.
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

        // Ids are quoted in messages through Printable: never echo a broken or disguised id into logs and chat.
        if (id.Length > MaxLength)
        {
            return $"Actor id '{TextRules.Printable(id[..32])}…' is {id.Length} characters long; use at most {MaxLength}.";
        }

        if (TextRules.FindProblem(id) is { } problem)
        {
            return $"Actor id '{TextRules.Printable(id)}' contains {problem}.";
        }

        return null;
    }

    /// <summary>The flipper id GitLab builds for a model: <c>Type:id</c>.</summary>
    public static string Of(string type, string id) => string.Concat(type, ":", id);
}
