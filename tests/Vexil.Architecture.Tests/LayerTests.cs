using System.Reflection;
using System.Xml.Linq;
using NetArchTest.Rules;
using Xunit;

namespace Vexil.Architecture.Tests;

/// <summary>Which assembly and folder may use which (DESIGN.md: dependencies point inward).</summary>
public sealed class LayerTests
{
    [Fact]
    public void The_server_folders_are_found()
    {
        // Guards every folder rule below against passing vacuously.
        Assert.Superset(
            new HashSet<string>(["Api", "Auth", "Changes", "ChatOps", "Commands", "Environments", "Hosting", "Storage"]),
            new HashSet<string>(Assemblies.ServerFolderNames));
    }

    [Fact]
    public void Core_depends_on_nothing_of_ours()
    {
        Assert.Empty(ArchitectureRules.CoreDependingOnOthers(Types.InAssembly(Assemblies.Core)));
        Assert.Empty(OurReferences(Assemblies.Core));
        Assert.Empty(ProjectReferences("src/Vexil.Core/Vexil.Core.csproj"));
    }

    [Fact]
    public void Core_uses_nothing_but_the_base_library()
    {
        // "Zero dependencies": the SDK and every app that embeds Core get nothing else with it.
        var others = Assemblies.Core.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !name.StartsWith("System.", StringComparison.Ordinal) && name is not "System" and not "netstandard" and not "mscorlib")
            .ToList();
        Assert.Empty(others);
    }

    [Fact]
    public void Storage_depends_on_Core_only()
    {
        Assert.Empty(ArchitectureRules.StorageDependingOnOthers(Types.InAssembly(Assemblies.Server), Assemblies.ServerFolderNames));
    }

    [Fact]
    public void Definitions_references_neither_the_server_nor_the_cli()
    {
        Assert.Equal(["Vexil.Core"], OurReferences(Assemblies.Definitions));
        Assert.Equal(["../Vexil.Core/Vexil.Core.csproj"], ProjectReferences("src/Vexil.Definitions/Vexil.Definitions.csproj"));
    }

    [Fact]
    public void The_cli_never_references_the_server()
    {
        // The CLI speaks HTTP to the server; a reference would let server internals leak into what users install.
        Assert.DoesNotContain("Vexil.Server", OurReferences(Assemblies.Cli));
        Assert.DoesNotContain(ProjectReferences("src/Vexil.Cli/Vexil.Cli.csproj"), reference => reference.Contains("Vexil.Server", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sdk_uses_Core_and_Microsoft_Extensions_only()
    {
        // Applications embed the SDK: it speaks HTTP to the server and brings nothing but Core and the abstractions.
        Assert.Equal(["Vexil.Core"], OurReferences(Assemblies.Client));
        Assert.Equal(["../Vexil.Core/Vexil.Core.csproj"], ProjectReferences("src/Vexil.Client/Vexil.Client.csproj"));
        var others = Assemblies.Client.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => !name.StartsWith("System.", StringComparison.Ordinal) && !name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                && name is not "System" and not "netstandard" and not "mscorlib" and not "Vexil.Core")
            .ToList();
        Assert.Empty(others);
    }

    [Fact]
    public void Only_the_change_service_writes_flag_state()
    {
        using var module = Assemblies.ReadModule(Assemblies.Server.Location);
        Assert.Empty(ArchitectureRules.FlagStoreWritersOtherThanTheChangeService(module));
    }

    [Fact]
    public void The_change_service_does_write_through_the_store()
    {
        // The rule above would pass vacuously if the IL scan found no call at all; the one allowed caller proves it reads.
        using var module = Assemblies.ReadModule(Assemblies.Server.Location);
        var writer = module.GetTypes().Where(type => (type.DeclaringType ?? type).FullName == ArchitectureRules.SingleWriter || type.DeclaringType?.FullName == ArchitectureRules.SingleWriter);
        Assert.Contains(writer.SelectMany(type => type.Methods).Where(method => method.HasBody).SelectMany(method => method.Body.Instructions),
            instruction => instruction.Operand is Mono.Cecil.MethodReference { Name: "ApplyAsync", DeclaringType.FullName: ArchitectureRules.FlagStore });
    }

    private static List<string> OurReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name!).Where(name => name.StartsWith("Vexil.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static List<string> ProjectReferences(string project) =>
        [.. XDocument.Load(Path.Combine(Assemblies.RepositoryRoot(), project)).Descendants("ProjectReference")
            .Select(reference => (string)reference.Attribute("Include")!).Order(StringComparer.Ordinal)];
}
