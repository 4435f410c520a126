using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Auth;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Api.Ofrep;
using Xunit;

namespace Vexil.Server.Tests.Infrastructure;

/// <summary>
/// An in-process server with the example definitions plus one flag of the test's own that is on by default, the
/// scoped read tokens of <see cref="ScopedTestTokens"/>, and helpers that change flags through the one write path.
/// The OFREP and change-stream tests each derive one with their own settings.
/// </summary>
public abstract class ScopedTokenServerFactory : VexilServerFactory
{
    private readonly string definitionsFolder;
    private readonly string origin;

    /// <summary>Creates the factory; <paramref name="settings"/> are added to the definitions folder's.</summary>
    protected ScopedTokenServerFactory(string name, string defaultOnFlag, IReadOnlyDictionary<string, string?> settings)
        : this(settings, name, WriteDefinitions(name, defaultOnFlag))
    {
    }

    private ScopedTokenServerFactory(IReadOnlyDictionary<string, string?> settings, string name, string definitionsFolder)
        : base(new Dictionary<string, string?>(settings) { ["Vexil:Definitions:Paths:1"] = definitionsFolder })
    {
        this.definitionsFolder = definitionsFolder;
        origin = name + "-tests";
    }

    /// <summary>Applies gate operations to a flag through the one write path, failing the test if refused.</summary>
    public Task<AuditEvent> ChangeAsync(string environment, string flag, params GateOperation[] operations) =>
        ApplyAsync(ChangeRequest.Update(environment, flag, new ChangeOrigin(origin, ChangeChannels.Api), operations));

    /// <summary>Removes a flag from an environment through the one write path.</summary>
    public Task<AuditEvent> DeleteAsync(string environment, string flag) =>
        ApplyAsync(ChangeRequest.Remove(environment, flag, new ChangeOrigin(origin, ChangeChannels.Api)));

    /// <summary>A client that sends <paramref name="token"/> as a bearer token, as OFREP providers and SDKs do.</summary>
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

    private async Task<AuditEvent> ApplyAsync(ChangeRequest request)
    {
        var result = await Services.GetRequiredService<FlagChangeService>().ApplyAsync(request, TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, result.Refusal);
        return result.Event ?? throw new InvalidOperationException("The change wrote no event.");
    }

    private static string WriteDefinitions(string name, string defaultOnFlag)
    {
        var folder = TestPaths.NewTempFolder($"vexil-{name}-definitions");
        Directory.CreateDirectory(Path.Combine(folder, "beta"));
        File.WriteAllText(Path.Combine(folder, "beta", defaultOnFlag + ".yml"), $"""
            ---
            name: {defaultOnFlag}
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
