using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// The server in-process with no definitions (so any valid name may be set), the test tokens, and the
/// <c>gitlab_team_members</c> feature group. The consistency check is off (no staging environment configured for it),
/// so the tests of GitLab's semantics can write to the default environment, production, on its own; the guard rails
/// have tests of their own (<see cref="GitLabGuardRailTests"/>).
/// </summary>
public class GitLabApiFactory : VexilServerFactory
{
    private static int flagCounter;
    private readonly string? definitionsFolder;

    /// <summary>A server with no definitions loaded.</summary>
    public GitLabApiFactory()
        : this(TestPaths.NewTempFolder("vexil-no-definitions"))
    {
    }

    /// <summary>A server with extra settings (e.g. definitions).</summary>
    protected GitLabApiFactory(IDictionary<string, string?> overrides)
        : base(overrides)
    {
    }

    private GitLabApiFactory(string emptyDefinitions)
        : base(new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = emptyDefinitions,
            ["Vexil:Commands:StagingEnvironment"] = string.Empty,
        }) =>
        definitionsFolder = emptyDefinitions;

    /// <summary>A flag name no other test uses.</summary>
    public static string NewFlag(string prefix = "flag") => $"{prefix}_{Interlocked.Increment(ref flagCounter)}";

    /// <summary>A client sending <paramref name="token"/> as <c>PRIVATE-TOKEN</c>, or no token.</summary>
    public GitLabTestClient Client(string? token = AdminToken)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        }

        return new GitLabTestClient(client);
    }

    /// <summary>The number of audit events in the store, all environments.</summary>
    public async Task<long> AuditCountAsync(string? flag = null)
    {
        var store = Services.GetRequiredService<IFlagStore>();
        var page = await store.QueryAuditAsync(new AuditQuery(Flag: flag, PageSize: 1), TestContext.Current.CancellationToken);
        return page.Total;
    }

    /// <summary>The newest audit event of a flag.</summary>
    public async Task<AuditEvent> LastAuditEventAsync(string flag)
    {
        var store = Services.GetRequiredService<IFlagStore>();
        var page = await store.QueryAuditAsync(new AuditQuery(Flag: flag, PageSize: 1), TestContext.Current.CancellationToken);
        return Assert.Single(page.Events);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ITokenAuthenticator, TestTokens>());
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && definitionsFolder is not null)
        {
            Directory.Delete(definitionsFolder, recursive: true);
        }
    }
}
