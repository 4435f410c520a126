using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.ChangeStream;

/// <summary>
/// The in-process server for snapshot and stream tests: the example definitions plus one flag that is on by default,
/// the scoped read tokens of <see cref="ScopedTestTokens"/>, a short heartbeat, and a short history (so "too old"
/// is reachable). The scoped test tokens are not stored, so streams they open end at once (as a revoked token's do):
/// use them for refusals only.
/// </summary>
public sealed class StreamServerFactory : VexilServerFactory
{
    /// <summary>A defined flag whose definition says <c>default_enabled: true</c>.</summary>
    public const string DefaultOnFlag = "stream_default_on";

    /// <summary>Changes kept per environment.</summary>
    public const int History = 20;

    private readonly string definitionsFolder;

    /// <summary>Creates the factory.</summary>
    public StreamServerFactory()
        : this(WriteDefinitions())
    {
    }

    private StreamServerFactory(string definitionsFolder)
        : base(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:1"] = definitionsFolder,
            ["Vexil:Stream:HeartbeatInterval"] = "00:00:00.200",
            ["Vexil:Stream:History"] = History.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
    {
        this.definitionsFolder = definitionsFolder;
    }

    /// <summary>Applies gate operations to a flag through the one write path, failing the test if refused.</summary>
    public async Task<AuditEvent> ChangeAsync(string environment, string flag, params GateOperation[] operations)
    {
        var service = Services.GetRequiredService<FlagChangeService>();
        var result = await service.ApplyAsync(
            ChangeRequest.Update(environment, flag, new ChangeOrigin("stream-tests", ChangeChannels.Api), operations),
            TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, result.Refusal);
        return result.Event ?? throw new InvalidOperationException("The change wrote no event.");
    }

    /// <summary>Removes a flag from an environment through the one write path.</summary>
    public async Task<AuditEvent> DeleteAsync(string environment, string flag)
    {
        var service = Services.GetRequiredService<FlagChangeService>();
        var result = await service.ApplyAsync(
            ChangeRequest.Remove(environment, flag, new ChangeOrigin("stream-tests", ChangeChannels.Api)),
            TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, result.Refusal);
        return result.Event ?? throw new InvalidOperationException("The delete wrote no event.");
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
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
        var folder = TestPaths.NewTempFolder("vexil-stream-definitions");
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
