using System.Data.Common;

namespace Vexil.Server.Storage;

/// <summary>Reading rows the same way on every provider.</summary>
internal static class StoreRows
{
    /// <summary>Reads every remaining row of <paramref name="reader"/> with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(read);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
