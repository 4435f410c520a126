using Microsoft.Extensions.Configuration;
using Vexil.Server.Hosting;
using Vexil.Server.Tests.Infrastructure;
using Vexil.Testing;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

/// <summary>The shipped appsettings.json applies wherever the server is started from.</summary>
public sealed class ShippedSettingsTests : IDisposable
{
    private readonly string appFolder = TestPaths.NewTempFolder("vexil-app");
    private readonly string contentRoot = TestPaths.NewTempFolder("vexil-cwd");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_started_from_another_folder_keeps_the_shipped_log_levels()
    {
        // The shipped file turns Microsoft.AspNetCore down to Warning. With Default at Information and the file lost,
        // ASP.NET Core's "Request starting" lines would appear.
        await using var server = await RealServerProcess.StartAsync(
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            Cancel);
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        await client.GetStringAsync("health", Cancel);
        await client.GetStringAsync("health", Cancel);

        var output = server.Output;
        Assert.Contains("Application started", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_file_is_read_from_the_application_folder_and_the_content_roots_file_wins()
    {
        File.WriteAllText(Path.Combine(appFolder, ShippedSettings.FileName), """{ "A": "shipped", "B": "shipped" }""");
        File.WriteAllText(Path.Combine(contentRoot, ShippedSettings.FileName), """{ "B": "local" }""");
        using var configuration = new ConfigurationManager();
        configuration.SetBasePath(contentRoot).AddJsonFile(ShippedSettings.FileName, optional: true);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["C"] = "later source" });

        configuration.AddShippedSettings(contentRoot, appFolder);

        Assert.Equal("shipped", configuration["A"]);
        Assert.Equal("local", configuration["B"]);
        Assert.Equal("later source", configuration["C"]);
    }

    [Fact]
    public void Nothing_is_added_when_the_content_root_is_the_application_folder()
    {
        File.WriteAllText(Path.Combine(appFolder, ShippedSettings.FileName), """{ "A": "shipped" }""");
        using var configuration = new ConfigurationManager();
        var before = ((IConfigurationBuilder)configuration).Sources.Count;

        configuration.AddShippedSettings(appFolder, appFolder);

        Assert.Equal(before, ((IConfigurationBuilder)configuration).Sources.Count);
    }

    public void Dispose()
    {
        Directory.Delete(appFolder, recursive: true);
        Directory.Delete(contentRoot, recursive: true);
    }
}
