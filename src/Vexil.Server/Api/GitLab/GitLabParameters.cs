namespace Vexil.Server.Api.GitLab;

/// <summary>
/// The declared parameters of one request, gathered from the query string and the body (a body value wins, as in
/// Rack). Values are text: a JSON <c>true</c> is <c>"true"</c> and a JSON <c>0.5</c> keeps its written form
/// <c>"0.5"</c>, which is how Grape hands them to GitLab's service.
/// </summary>
internal sealed class GitLabParameters
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    /// <summary>True when the request carries the parameter, even empty (GitLab tests presence with <c>key?</c>).</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The parameter's value, or null when absent.</summary>
    public string? Get(string name) => values.GetValueOrDefault(name);

    /// <summary>Sets a declared parameter; undeclared names are ignored.</summary>
    public void Set(string name, string value)
    {
        if (GitLabParameterNames.All.Contains(name))
        {
            values[name] = value;
        }
    }

    /// <summary>Removes a parameter (a JSON <c>null</c> means "not given").</summary>
    public void Remove(string name) => values.Remove(name);

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
}
