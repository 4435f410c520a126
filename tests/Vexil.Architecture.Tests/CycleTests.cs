using NetArchTest.Rules;
using Xunit;

namespace Vexil.Architecture.Tests;

/// <summary>No two server folders use each other, directly or through others.</summary>
public sealed class CycleTests(ITestOutputHelper output)
{
    /// <summary>
    /// Dependencies that close a cycle and are known, each with who removes it. A cycle through one of them is tolerated;
    /// any other cycle fails the test, and so does an entry whose dependency is gone (delete it then).
    /// </summary>
    private static readonly (string From, string To, string Why)[] KnownBackEdges =
    [
        // The guards in Changes/Guards read Commands' options, messages, parser and production checks, and FlagChange
        // carries Commands' progress callback. The checks/policies/production-checks vocabulary work (issue 12, item 2,
        // done beside this rule) moves those types below Changes; then this entry goes.
        ("Changes", "Commands", "Changes/Guards and FlagChange use Commands' types"),
    ];

    [Fact]
    public void Server_folders_form_no_cycles()
    {
        var edges = ArchitectureRules.FolderDependencies(Types.InAssembly(Assemblies.Server), Assemblies.ServerFolderNames);
        foreach (var (source, targets) in edges)
        {
            output.WriteLine($"{source} -> {string.Join(", ", targets)}");
        }

        var unknown = ArchitectureRules.Cycles(edges)
            .Where(cycle => !cycle.Zip(cycle.Skip(1)).Any(step => KnownBackEdges.Any(known => known.From == step.First && known.To == step.Second)))
            .Select(cycle => string.Join(" -> ", cycle))
            .ToList();
        Assert.True(unknown.Count == 0,
            "Server folders use each other: " + string.Join("; ", unknown)
            + ". Cut one dependency of each: move the shared type to the lower folder, or let the lower folder own an interface the higher one implements.");
    }

    [Fact]
    public void Every_known_cycle_still_exists()
    {
        var edges = ArchitectureRules.FolderDependencies(Types.InAssembly(Assemblies.Server), Assemblies.ServerFolderNames);
        var gone = KnownBackEdges.Where(known => !edges[known.From].Contains(known.To)).Select(known => $"{known.From} -> {known.To}").ToList();
        Assert.True(gone.Count == 0, "These known cycles are gone; delete them from KnownBackEdges so they cannot come back: " + string.Join(", ", gone));
    }
}
