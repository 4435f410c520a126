using System.Text;

namespace Vexil.Server.Storage;

/// <summary>
/// Turns an <see cref="AuditQuery"/> into a parameterised WHERE clause that both stores understand. Values never enter
/// the SQL text: each becomes an <c>@name</c> parameter.
/// </summary>
internal static class AuditFilterSql
{
    /// <summary>
    /// Returns the clause (empty, or starting with " WHERE ") and adds its parameters; <paramref name="timeValue"/>
    /// converts an instant to the engine's stored form.
    /// </summary>
    public static string Where(AuditQuery query, List<(string Name, object Value)> parameters, Func<DateTimeOffset, object> timeValue)
    {
        var conditions = new List<string>();
        if (query.Flag is { } flag)
        {
            conditions.Add("flag = @flag");
            parameters.Add(("flag", flag));
        }

        if (query.Environment is { } environment)
        {
            conditions.Add("environment = @environment");
            parameters.Add(("environment", environment));
        }

        if (query.User is { } user)
        {
            conditions.Add("user_name = @user_name");
            parameters.Add(("user_name", user));
        }

        if (query.From is { } from)
        {
            conditions.Add("occurred_at >= @from_time");
            parameters.Add(("from_time", timeValue(from)));
        }

        if (query.To is { } to)
        {
            conditions.Add("occurred_at < @to_time");
            parameters.Add(("to_time", timeValue(to)));
        }

        if (conditions.Count == 0)
        {
            return string.Empty;
        }

        var clause = new StringBuilder(" WHERE ");
        clause.AppendJoin(" AND ", conditions);
        return clause.ToString();
    }

    /// <summary>The ordering of audit pages: newest first, ties broken by insertion order.</summary>
    public const string NewestFirst = " ORDER BY occurred_at DESC, id DESC";
}
