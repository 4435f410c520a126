using NetArchTest.Rules;
using Xunit;

namespace Vexil.Architecture.Tests;

/// <summary>
/// Each rule fails on a type that breaks it: the types are compiled in memory against the real server and run through
/// the same rule functions as the real assemblies. Without these a rule that can never fail would look like a pass.
/// </summary>
public sealed class RuleViolationTests
{
    // One source holds every violation; each test checks that its rule names exactly the type that breaks it.
    private const string Source = """
        namespace Vexil.Core.Leaks
        {
            public static class CoreNamingTheServer
            {
                public static string Store() => typeof(Vexil.Server.Storage.IFlagStore).FullName!;
            }
        }

        namespace Vexil.Server.Storage.Leaks
        {
            public static class StorageBuildingAPrincipal
            {
                public static object Principal(Vexil.Server.Storage.StoredToken token) => Vexil.Server.Auth.TokenPrincipal.From(token);
            }

            public static class StorageThatKeepsToItself
            {
                public static int Count(Vexil.Server.Storage.StoredToken token) => token.Environments.Count;
            }
        }

        namespace Vexil.Server.Api.Leaks
        {
            public static class WriterAroundTheChangeService
            {
                public static async System.Threading.Tasks.Task<object> WriteAsync(Vexil.Server.Storage.IFlagStore store, Vexil.Server.Storage.ChangeRequest request) =>
                    await store.ApplyAsync(request);
            }

            public static class WriterThroughALambda
            {
                public static System.Func<Vexil.Server.Storage.ChangeRequest, System.Threading.Tasks.Task> Writer(Vexil.Server.Storage.IFlagStore store) =>
                    request => store.ApplyAsync(request);
            }

            public static class Reader
            {
                public static System.Threading.Tasks.Task<bool> PingAsync(Vexil.Server.Storage.IFlagStore store) => store.PingAsync();
            }
        }
        """;

    private static readonly Lazy<System.Reflection.Assembly> Violating = new(() => ViolatingAssembly.Compile("Vexil.Violations", Source));

    [Fact]
    public void Core_rule_fails_on_a_core_type_that_names_the_server()
    {
        Assert.Equal(["Vexil.Core.Leaks.CoreNamingTheServer"], ArchitectureRules.CoreDependingOnOthers(Types.InAssembly(Violating.Value)));
    }

    [Fact]
    public void Storage_rule_fails_on_a_storage_type_that_uses_auth()
    {
        var offenders = ArchitectureRules.StorageDependingOnOthers(Types.InAssembly(Violating.Value), Assemblies.ServerFolderNames);
        Assert.Equal(["Vexil.Server.Storage.Leaks.StorageBuildingAPrincipal"], offenders);
    }

    [Fact]
    public void Single_writer_rule_fails_on_any_other_caller_of_ApplyAsync()
    {
        using var module = Assemblies.ReadModule(Violating.Value.Location);
        var offenders = ArchitectureRules.FlagStoreWritersOtherThanTheChangeService(module);
        Assert.Equal(
            ["Vexil.Server.Api.Leaks.WriterAroundTheChangeService (MoveNext)", "Vexil.Server.Api.Leaks.WriterThroughALambda (<Writer>b__0)"],
            offenders);
    }

    [Fact]
    public void Cycle_rule_fails_when_storage_uses_auth_again()
    {
        // The cycle the issue named: Auth reads Storage (allowed), and a Storage type that builds an Auth principal closes it.
        var edges = ArchitectureRules.FolderDependencies(Types.InAssemblies([Assemblies.Server, Violating.Value]), Assemblies.ServerFolderNames);
        var cycles = ArchitectureRules.Cycles(edges).Select(cycle => string.Join(" -> ", cycle)).ToList();
        Assert.Contains("Storage -> Auth -> Storage", cycles);
    }
}
