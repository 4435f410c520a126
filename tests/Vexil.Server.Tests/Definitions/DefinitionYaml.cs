namespace Vexil.Server.Tests.Definitions;

/// <summary>Builds definition YAML for tests: a valid file, with fields replaced or removed.</summary>
internal static class DefinitionYaml
{
    /// <summary>A valid definition in GitLab's field order.</summary>
    public static string Valid(string name, string type = "beta", bool defaultEnabled = false) =>
        With(name, type, (Field: "default_enabled", Value: defaultEnabled ? "true" : "false"));

    /// <summary>
    /// A definition with some fields' raw YAML values replaced; a null value removes the field. A field not in the
    /// base definition is appended.
    /// </summary>
    public static string With(string name, string type, params (string Field, string? Value)[] overrides)
    {
        var fields = new List<(string Field, string? Value)>
        {
            ("name", name),
            ("feature_issue_url", "https://gitlab.com/groups/gitlab-org/-/epics/16108"),
            ("introduced_by_url", "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/177977"),
            ("rollout_issue_url", "https://gitlab.com/gitlab-org/gitlab/-/issues/511234"),
            ("milestone", "'17.9'"),
            ("type", type),
            ("group", "group::duo chat"),
            ("default_enabled", "false"),
        };

        foreach (var (field, value) in overrides)
        {
            var index = fields.FindIndex(existing => existing.Field == field);
            if (index < 0)
            {
                fields.Add((field, value));
            }
            else
            {
                fields[index] = (field, value);
            }
        }

        return "---\n" + string.Concat(fields.Where(field => field.Value is not null).Select(field => $"{field.Field}: {field.Value}\n"));
    }
}
