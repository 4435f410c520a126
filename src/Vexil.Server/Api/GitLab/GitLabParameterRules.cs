namespace Vexil.Server.Api.GitLab;

/// <summary>
/// The checks GitLab's API declares on <c>POST /features/:name</c> before its service runs (Grape's <c>requires</c>,
/// <c>mutually_exclusive</c> and boolean coercion), with Grape's messages, joined as Grape joins them.
/// </summary>
internal static class GitLabParameterRules
{
    /// <summary>Returns null when the parameters pass, otherwise Grape's message, e.g. <c>key, user are mutually exclusive</c>.</summary>
    public static string? CheckSet(GitLabParameters parameters)
    {
        var problems = new List<string>();
        if (!parameters.Has(GitLabParameterNames.Value))
        {
            problems.Add("value is missing");
        }

        if (parameters.Has(GitLabParameterNames.Key))
        {
            foreach (var target in GitLabParameterNames.Targets)
            {
                if (parameters.Has(target))
                {
                    problems.Add($"key, {target} are mutually exclusive");
                }
            }
        }

        problems.AddRange(CheckBooleans(parameters));
        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    /// <summary>Returns null when the boolean parameters are booleans, otherwise Grape's message (<c>force is invalid</c>).</summary>
    public static string? CheckDelete(GitLabParameters parameters)
    {
        var problems = CheckBooleans(parameters).ToArray();
        return problems.Length == 0 ? null : string.Join(", ", problems);
    }

    // Grape's message for each boolean parameter that is not one, in declaration order.
    private static IEnumerable<string> CheckBooleans(GitLabParameters parameters) =>
        GitLabParameterNames.Booleans.Where(name => !parameters.TryGetBoolean(name, out _)).Select(name => $"{name} is invalid");
}
