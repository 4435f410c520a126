using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>
/// The in-process server for OFREP tests: the example definitions plus one of our own that is on by default, read
/// tokens with limited scopes (see <see cref="ScopedTestTokens"/>), and a short event-stream heartbeat.
/// </summary>
public sealed class OfrepServerFactory : VexilServerFactory
{
    /// <summary>A defined flag whose definition says <c>default_enabled: true</c>.</summary>
    public const string DefaultOnFlag = "ofrep_default_on";

    /// <summary>The example definition (beta, group::duo chat, milestone 17.9, default off).</summary>
    public const string ExampleFlag = "duo_chat_multi_thread";

    private readonly string definitionsFolder;

    /// <summary>Creates the factory.</summary>
    public OfrepServerFactory()
        : this(WriteDefinitions())
    {
    }

    private OfrepServerFactory(string definitionsFolder)
        : base(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:1"] = definitionsFolder,
            ["Vexil:Ofrep:HeartbeatInterval"] = "00:00:00.200",
        })
    {
        this.definitionsFolder = definitionsFolder;
    }

    /// <summary>Applies gate operations to a flag through the one write path, failing the test if refused.</summary>
    public async Task<AuditEvent> ChangeAsync(string environment, string flag, params GateOperation[] operations)
    {
        var service = Services.GetRequiredService<FlagChangeService>();
        var result = await service.ApplyAsync(
            ChangeRequest.Update(environment, flag, new ChangeOrigin("ofrep-tests", ChangeChannels.Api), operations),
            TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, result.Refusal);
        return result.Event ?? throw new InvalidOperationException("The change wrote no event.");
    }

    /// <summary>A client that sends <paramref name="token"/> the way OFREP providers do.</summary>
    public HttpClient CreateBearerClient(string token = AdminToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ITokenAuthenticator>(
            provider => new ScopedTestTokens(provider.GetRequiredService<BootstrapTokenAuthenticator>())));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(definitionsFolder))
        {
            Directory.Delete(definitionsFolder, recursive: true);
        }
    }

    private static string WriteDefinitions()
    {
        var folder = TestPaths.NewTempFolder("vexil-ofrep-definitions");
        Directory.CreateDirectory(Path.Combine(folder, "beta"));
        File.WriteAllText(Path.Combine(folder, "beta", DefaultOnFlag + ".yml"), $"""
            ---
            name: {DefaultOnFlag}
            feature_issue_url: https://gitlab.com/gitlab-org/gitlab/-/issues/1
            introduced_by_url: https://gitlab.com/gitlab-org/gitlab/-/merge_requests/2
            rollout_issue_url: https://gitlab.com/gitlab-org/gitlab/-/issues/3
            milestone: '18.0'
            type: beta
            group: group::feature flags
            default_enabled: true
            """);
        return folder;
    }
}
