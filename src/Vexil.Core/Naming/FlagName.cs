namespace Vexil.Core.Naming;

/// <summary>
/// Rules for flag names. GitLab's definitions require <c>^[a-z0-9]+(_[a-z0-9]+)*$</c>; every Vexil entry point
/// enforces it, so a name is also safe to use in a URL, a file path and a log line.
/// </summary>
public static class FlagName
{
    /// <summary>Longest name accepted; GitLab has no limit, but a bound keeps storage and logs sane.</summary>
    public const int MaxLength = 255;

    /// <summary>True when <paramref name="name"/> is a valid flag name.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }

        var previousWasUnderscore = true; // a leading underscore is invalid
        foreach (var c in name)
        {
            if (c == '_')
            {
                if (previousWasUnderscore)
                {
                    return false;
                }

                previousWasUnderscore = true;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                previousWasUnderscore = false;
            }
            else
            {
                return false;
            }
        }

        return !previousWasUnderscore; // a trailing underscore is invalid
    }

    /// <summary>Returns null when valid, otherwise a sentence saying what is wrong and what to do.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A flag name is required: use lowercase letters, digits and single underscores, e.g. 'duo_chat_multi_thread'.";
        }

        if (name.Length > MaxLength)
        {
            return $"Flag name is {name.Length} characters long; use at most {MaxLength}.";
        }

        return IsValid(name)
            ? null
            : $"Feature flag '{name}' is invalid: a name must match ^[a-z0-9]+(_[a-z0-9]+)*$ (lowercase letters, digits and single underscores, e.g. 'duo_chat_multi_thread').";
    }
}
