namespace Vexil.Server.Api.GitLab;

/// <summary>
/// The declared parameters of one request, gathered from the query string and the body; a parameter given twice is
/// recorded in <see cref="Repeated"/> so the request can be refused. Values are text: a JSON <c>true</c> is <c>"true"</c> and a JSON <c>0.5</c> keeps its written form
/// <c>"0.5"</c>, which is how Grape hands them to GitLab's service.
/// </summary>
internal sealed class GitLabParameters
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> given = new(StringComparer.Ordinal);

    /// <summary>True when the request carries the parameter, even empty (GitLab tests presence with <c>key?</c>).</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The parameter's value, or null when absent.</summary>
    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>
    /// The first declared parameter the request gives more than once (twice in the body, or in the query string and
    /// the body), or null. Rack would keep the last one; Vexil refuses the request instead of guessing.
    /// </summary>
    public string? Repeated { get; private set; }

    /// <summary>Sets a declared parameter; undeclared names are ignored. A second value for a name is recorded in <see cref="Repeated"/>.</summary>
    public void Set(string name, string value)
    {
        if (GitLabParameterNames.All.Contains(name) && Given(name))
        {
            values[name] = value;
        }
    }

    /// <summary>Removes a parameter (a JSON <c>null</c> means "not given"); it still counts as given for <see cref="Repeated"/>.</summary>
    public void Remove(string name)
    {
        if (GitLabParameterNames.All.Contains(name))
        {
            Given(name);
        }

        values.Remove(name);
    }

    /// <summary>
    /// Reads a Grape boolean: true/false, 1/0, yes/no, any case; absent or empty is false. Returns false when the text
    /// is none of these.
    /// </summary>
    public bool TryGetBoolean(string name, out bool value)
    {
        value = false;
        var text = Get(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1" || text.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text == "0" || text.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    private bool Given(string name)
    {
        if (!given.Add(name))
        {
            Repeated ??= name;
        }

        return true;
    }
}
