namespace Vexil.Server.Commands.Parsing;

/// <summary>Finds the known option a mistyped one was probably meant to be (<c>--stagin</c> -> <c>--staging</c>).</summary>
internal static class OptionSuggestions
{
    /// <summary>The closest known name within two edits (one for short names), or null.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        if (typed.Length == 0 || typed.Length > 64)
        {
            return null;
        }

        var limit = typed.Length <= 4 ? 1 : 2;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(typed, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance with two rows; names are short, so this is cheap. Also ranks flag-name suggestions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
