using System.Text;

namespace Vexil.Server.Deployments;

/// <summary>The SQL both providers run: the same text, with parameters named <c>@name</c>, which Npgsql and Microsoft.Data.Sqlite both accept.</summary>
internal static class DeploymentSql
{
    /// <summary>The columns every read selects, in the order the row readers expect.</summary>
    public const string Columns = "id, environment, sha, ref, status, finished_at, url, recorded_by";

    /// <summary>The insert, returning the stored row.</summary>
    public const string Insert =
        $"INSERT INTO deployments (environment, sha, ref, status, finished_at, url, recorded_by) VALUES (@environment, @sha, @ref, @status, @finished_at, @url, @recorded_by) RETURNING {Columns};";

    /// <summary>An environment's newest successful deployment.</summary>
    public const string LastSuccessful =
        $"SELECT {Columns} FROM deployments WHERE environment = @environment AND status = 'success' ORDER BY finished_at DESC, id DESC LIMIT 1;";

    /// <summary>An environment's newest successful deployment that finished at or before <c>@at</c>.</summary>
    public const string LastSuccessfulAt =
        $"SELECT {Columns} FROM deployments WHERE environment = @environment AND status = 'success' AND finished_at <= @at ORDER BY finished_at DESC, id DESC LIMIT 1;";

    /// <summary>
    /// One page of the list. Only the filters given appear in the text, so each query can use its index. The cursor is
    /// the row value (finished_at, id) of the previous page's last deployment: a row value comparison, which both
    /// databases support, keeps pages stable when deployments arrive out of time order.
    /// </summary>
    public static string List(bool byEnvironment, bool bySha, bool before)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM deployments WHERE 1 = 1");
        if (byEnvironment)
        {
            sql.Append(" AND environment = @environment");
        }

        if (bySha)
        {
            sql.Append(" AND sha = @sha");
        }

        if (before)
        {
            sql.Append(" AND (finished_at, id) < (SELECT c.finished_at, c.id FROM deployments c WHERE c.id = @before)");
        }

        sql.Append(" ORDER BY finished_at DESC, id DESC LIMIT @limit;");
        return sql.ToString();
    }
}
