using System.Data.Common;
using Vexil.Core.State;

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

    /// <summary>Reads every remaining row of <c>SELECT name, state FROM flags</c> into flag states by name.</summary>
    public static async Task<Dictionary<string, FlagState>> ReadFlagsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var flags = new Dictionary<string, FlagState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            flags[reader.GetString(0)] = FlagStateJson.Deserialize(reader.GetString(1));
        }

        return flags;
    }
}
