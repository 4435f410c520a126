using Mono.Cecil;
using Mono.Cecil.Cil;
using NetArchTest.Rules;

namespace Vexil.Architecture.Tests;

/// <summary>
/// The architecture's rules (docs/architecture.md), each a function over a set of compiled types so that the same rule
/// runs over the real assemblies and over a violating assembly built in memory (which proves the rule can fail).
/// </summary>
internal static class ArchitectureRules
{
    /// <summary>Everything of ours that is not Vexil.Core: Core may use none of it.</summary>
    public static readonly string[] NotCore = ["Vexil.Server", "Vexil.Definitions", "Vexil.Cli", "Vexil.Client"];

    /// <summary>
    /// What Storage may not use: every other server folder and every other assembly of ours except Core. Storage keeps
    /// rows; policy, HTTP, auth and composition sit above it.
    /// </summary>
    public static string[] NotForStorage(IEnumerable<string> serverFolders) =>
        [.. serverFolders.Where(folder => folder != "Storage").Select(ServerFolders.Namespace).Order(StringComparer.Ordinal),
            "Vexil.Definitions", "Vexil.Cli", "Vexil.Client"];

    /// <summary>The one type allowed to write flag state through <c>IFlagStore.ApplyAsync</c>.</summary>
    public const string SingleWriter = "Vexil.Server.Changes.FlagChangeService";

    /// <summary>The store interface whose <c>ApplyAsync</c> only the single writer may call.</summary>
    public const string FlagStore = "Vexil.Server.Storage.IFlagStore";

    /// <summary>Types in Core that use anything of ours outside Core.</summary>
    public static IReadOnlyList<string> CoreDependingOnOthers(Types types) =>
        Failing(types.That().ResideInNamespace("Vexil.Core").ShouldNot().HaveDependencyOnAny(NotCore).GetResult());

    /// <summary>Types in Storage that use a server folder other than Storage, or an assembly of ours other than Core.</summary>
    public static IReadOnlyList<string> StorageDependingOnOthers(Types types, IEnumerable<string> serverFolders) =>
        Failing(types.That().ResideInNamespace(ServerFolders.Namespace("Storage"))
            .ShouldNot().HaveDependencyOnAny(NotForStorage(serverFolders)).GetResult());

    /// <summary>
    /// Methods, named by their declaring type, that call <c>ApplyAsync</c> on <see cref="FlagStore"/> or on one of its
    /// implementations, other than <see cref="SingleWriter"/> and the stores themselves (a decorator such as the outage
    /// guard passes the call on). NetArchTest sees types, not calls, so this reads the IL of every method body; calls
    /// inside lambdas and async methods sit in compiler-made nested types and are charged to the type that wrote them.
    /// </summary>
    public static IReadOnlyList<string> FlagStoreWritersOtherThanTheChangeService(ModuleDefinition module)
    {
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var owner = Outermost(type);
            if (owner.FullName == SingleWriter || Implements(owner, FlagStore))
            {
                continue;
            }

            foreach (var method in type.Methods.Where(method => method.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if ((instruction.OpCode == OpCodes.Call || instruction.OpCode == OpCodes.Callvirt)
                        && instruction.Operand is MethodReference { Name: "ApplyAsync" } called
                        && IsFlagStore(called.DeclaringType))
                    {
                        offenders.Add($"{owner.FullName} ({method.Name})");
                    }
                }
            }
        }

        return [.. offenders];
    }

    /// <summary>
    /// The dependencies between server folders: for each folder, the other folders its types use. Namespaces that are no
    /// folder's (the root and the DI extensions' framework namespace) are left out: they compose the folders.
    /// </summary>
    public static IReadOnlyDictionary<string, SortedSet<string>> FolderDependencies(Types types, IReadOnlyCollection<string> folders)
    {
        var edges = folders.ToDictionary(folder => folder, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (var target in folders)
        {
            foreach (var type in types.That().HaveDependencyOn(ServerFolders.Namespace(target)).GetTypes())
            {
                if (ServerFolders.Of(type.Namespace) is { } source && source != target && edges.TryGetValue(source, out var uses))
                {
                    uses.Add(target);
                }
            }
        }

        return edges;
    }

    /// <summary>
    /// Each dependency that closes a cycle, as the folders A, B, ..., A, found by following the graph from every edge's
    /// target back to its source. A cycle is reported once per edge on it, so every edge that could be cut is named.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> edges)
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var (source, targets) in edges)
        {
            foreach (var target in targets)
            {
                if (PathBetween(edges, target, source) is { } back)
                {
                    cycles.Add([source, .. back]);
                }
            }
        }

        return cycles;
    }

    private static List<string>? PathBetween(IReadOnlyDictionary<string, SortedSet<string>> edges, string from, string to)
    {
        // Breadth first, so the shortest way back is the one reported.
        var previous = new Dictionary<string, string?> { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
        {
            if (node == to)
            {
                var path = new List<string>();
                for (string? step = node; step is not null; step = previous[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var next in edges.TryGetValue(node, out var targets) ? targets : [])
            {
                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }

    private static IReadOnlyList<string> Failing(TestResult result) =>
        result.IsSuccessful ? [] : [.. (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)];

    private static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static bool IsFlagStore(TypeReference type) =>
        type.FullName == FlagStore || (Resolve(type) is { } definition && Implements(definition, FlagStore));

    private static bool Implements(TypeDefinition type, string interfaceName)
    {
        for (TypeDefinition? current = type; current is not null; current = current.BaseType is { } baseType ? Resolve(baseType) : null)
        {
            if (current.FullName == interfaceName || current.Interfaces.Any(implemented => implemented.InterfaceType.FullName == interfaceName))
            {
                return true;
            }
        }

        return false;
    }

    private static TypeDefinition? Resolve(TypeReference type)
    {
        try
        {
            return type.Resolve();
        }
        catch (AssemblyResolutionException)
        {
            // A framework type whose assembly is not beside the tests cannot be one of our stores.
            return null;
        }
    }
}
