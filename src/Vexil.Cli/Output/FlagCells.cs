using Vexil.Cli.Api;

namespace Vexil.Cli.Output;

/// <summary>A flag's state in one environment in a few words, for the compact tables of <c>flags</c> and <c>feature get --all</c>.</summary>
internal static class FlagCells
{
    /// <summary>
    /// "on", "off", "50% of actors, User:1" for a stored state; "default on" / "default off" where only the
    /// definition's <c>default_enabled</c> applies; "-" where the flag does not exist.
    /// </summary>
    public static string Describe(FlagCell? cell, FlagDefinitionInfo? definition)
    {
        if (cell is null)
        {
            return "-";
        }

        if (cell.Persisted)
        {
            return Display.Gates(cell.Gates);
        }

        return definition is null ? "-" : definition.DefaultEnabled ? "default on" : "default off";
    }
}
