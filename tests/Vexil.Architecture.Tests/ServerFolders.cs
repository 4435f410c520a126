namespace Vexil.Architecture.Tests;

/// <summary>The server's folders, each a top-level namespace under <c>Vexil.Server</c>, and what they may use.</summary>
internal static class ServerFolders
{
    /// <summary>The namespace every server folder sits under.</summary>
    public const string Root = "Vexil.Server";

    /// <summary>
    /// The folder of a namespace (<c>Vexil.Server.Storage.Sqlite</c> gives <c>Storage</c>), or null for a namespace that is
    /// no folder's: the root, and the framework namespaces the DI extensions live in by convention.
    /// </summary>
    public static string? Of(string? @namespace)
    {
        if (@namespace is null || !@namespace.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = @namespace[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>The namespace of a folder, e.g. <c>Vexil.Server.Auth</c>.</summary>
    public static string Namespace(string folder) => Root + "." + folder;
}
