namespace Vexil.Server.Environments;

/// <summary>A resolved environment: immutable, with its position in the configured order.</summary>
public sealed record VexilEnvironment(string Name, IReadOnlyList<string> Aliases, bool IsProtected, int Order);
