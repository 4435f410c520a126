using Spectre.Console;
using Spectre.Console.Rendering;

namespace Vexil.Cli.Output;

/// <summary>Spectre tables whose cells are plain text, so names with brackets are never read as markup.</summary>
internal static class Tables
{
    /// <summary>A table with these column headers.</summary>
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>Adds a row of plain-text cells; null shows as a dash.</summary>
    public static void AddRow(this Table table, params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddRow(cells.Select(cell => (IRenderable)new Text(string.IsNullOrEmpty(cell) ? "-" : cell)).ToArray());
    }
}
