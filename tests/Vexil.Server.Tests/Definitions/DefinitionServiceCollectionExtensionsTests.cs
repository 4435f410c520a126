using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vexil.Server.Definitions;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>Registration: configuration binding, content-root resolution, one registry that is also the hosted service.</summary>
public sealed class DefinitionServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Relative_paths_resolve_against_the_content_root()
    {
        folder.WriteValid("my_flag", under: "flags");
        using var provider = BuildProvider(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = "flags",
            ["Vexil:Definitions:Watch"] = "false",
        });

        var registry = provider.GetRequiredService<DefinitionRegistry>();

        Assert.Equal([Path.Combine(folder.Root, "flags")], registry.Folders);
        Assert.True(registry.Current.Contains("my_flag"));
        Assert.Empty(registry.Current.Errors);
    }

    [Fact]
    public void A_single_path_string_is_accepted_as_a_one_folder_list()
    {
        folder.WriteValid("my_flag", under: "flags");
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Vexil:Definitions:Paths"] = "flags" });

        var options = provider.GetRequiredService<IOptions<DefinitionOptions>>().Value;

        Assert.Equal([Path.Combine(folder.Root, "flags")], options.Paths);
    }

    [Fact]
    public void Watching_is_on_unless_configured_off()
    {
        using var defaults = BuildProvider([]);
        using var off = BuildProvider(new Dictionary<string, string?> { ["Vexil:Definitions:Watch"] = "false" });

        Assert.True(defaults.GetRequiredService<IOptions<DefinitionOptions>>().Value.Watch);
        Assert.False(off.GetRequiredService<IOptions<DefinitionOptions>>().Value.Watch);
    }

    [Fact]
    public async Task The_registry_is_a_singleton_and_the_hosted_service_that_starts_watching()
    {
        folder.WriteValid("my_flag", under: "flags");
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Vexil:Definitions:Paths:0"] = "flags" });

        var registry = provider.GetRequiredService<DefinitionRegistry>();
        var hosted = Assert.Single(provider.GetServices<IHostedService>());
        Assert.Same(registry, hosted);
        Assert.Same(registry, provider.GetRequiredService<DefinitionRegistry>());

        await hosted.StartAsync(TestContext.Current.CancellationToken);
        Assert.True(registry.IsWatching);
        await hosted.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(registry.IsWatching);
    }

    private ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(folder.Root));
        services.AddVexilDefinitions(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Microsoft.Extensions.Hosting.Environments.Development;

        public string ApplicationName { get; set; } = "Vexil.Server.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
