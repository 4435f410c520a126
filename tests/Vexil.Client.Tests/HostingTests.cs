using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;
using Microsoft.FeatureManagement.Mvc;
using Vexil.Client.FeatureManagement;
using Vexil.Client.Tests.Fakes;

namespace Vexil.Client.Tests;

/// <summary>AddVexil in a real ASP.NET Core host, the health check, per-request actors, and the Microsoft.FeatureManagement 4.7.0 adapter.</summary>
public sealed class HostingTests
{
    private const string ForUser42 = """{"boolean":false,"actors":["User:42"],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""";
    private const string On = """{"boolean":true,"actors":[],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddVexil_binds_the_section_connects_at_start_and_reports_health()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("on_flag", On);
        await using var app = await StartAppAsync(server, builder => { });

        var client = app.Services.GetRequiredService<VexilClient>();
        Assert.Equal(VexilClientStatus.Ready, client.Status);
        Assert.True(client.IsEnabled("on_flag"));
        var health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancel);
        Assert.Equal(HealthStatus.Healthy, health.Entries["vexil"].Status);

        // The client is Ready once its snapshot is applied; its stream may still be on the way. Dropping before it
        // arrived dropped nothing, and the stream that came next stayed up (seen once on a loaded machine).
        await Eventually.TrueAsync(() => server.OpenStreams >= 1, "the stream connected");
        server.SnapshotStatus = 500;
        server.DropStreams();
        await Eventually.TrueAsync(() => client.Status == VexilClientStatus.Stale, "the client noticed the outage");
        health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Cancel);
        Assert.Equal(HealthStatus.Degraded, health.Entries["vexil"].Status);
    }

    [Fact]
    public void Bad_settings_stop_the_start_with_a_message_naming_them()
    {
        var services = new ServiceCollection();
        services.AddVexil(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ServerUrl"] = "not a url", ["HeartbeatTimeout"] = "00:00:00" }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VexilClientOptions>>().Value);
        Assert.Contains("Vexil:ServerUrl must be the server's absolute http(s) address", error.Message, StringComparison.Ordinal);
        Assert.Contains("Vexil:Token is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Vexil:Environment is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("Vexil:HeartbeatTimeout is 00:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_refuses_invalid_options_with_the_setting_named()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VexilClient.ConnectAsync(new VexilClientOptions { Token = "t", Environment = "staging" }, Cancel));
        Assert.Contains("Vexil:ServerUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_http_request_gets_its_own_current_request_actor_shared_by_the_whole_request()
    {
        await using var server = await FakeVexilServer.StartAsync();
        await using var app = await StartAppAsync(server, web => web.MapGet("/who", async () =>
        {
            var first = Actor.CurrentRequest;
            await Task.Yield();
            var second = await Task.Run(() => Actor.CurrentRequest);
            return first == second ? first.FlipperId : $"differs: {first} {second}";
        }));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var one = await http.GetStringAsync("/who", Cancel);
        var two = await http.GetStringAsync("/who", Cancel);

        Assert.StartsWith("Request:", one, StringComparison.Ordinal);
        Assert.StartsWith("Request:", two, StringComparison.Ordinal);
        Assert.NotEqual(one, two);
    }

    [Fact]
    public async Task A_request_actor_scope_is_sticky_inside_and_new_outside()
    {
        string inside1, inside2;
        using (RequestActorScope.Begin())
        {
            inside1 = Actor.CurrentRequest.FlipperId;
            inside2 = await Task.Run(() => Actor.CurrentRequest.FlipperId, Cancel);
        }

        using (RequestActorScope.Begin())
        {
            Assert.NotEqual(inside1, Actor.CurrentRequest.FlipperId);
        }

        Assert.Equal(inside1, inside2);
        Assert.Equal("User:42", Actor.For("User", "42").FlipperId);
        Assert.Equal(new Actor("User:42"), Actor.For("User", "42"));
    }

    [Fact]
    public async Task FeatureManagement_answers_from_vexil_with_and_without_a_targeting_context()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("for_42", ForUser42);
        server.SetFlag("on_flag", On);
        server.SetFlag("team_only", """{"boolean":false,"actors":["Group:beta"],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""");
        await using var app = await StartAppAsync(server, web => { }, services => services.AddFeatureManagement().AddVexil());
        var features = app.Services.GetRequiredService<IFeatureManager>();

        Assert.True(await features.IsEnabledAsync("on_flag"));
        Assert.False(await features.IsEnabledAsync("for_42"));
        Assert.False(await features.IsEnabledAsync("unknown_flag"));
        Assert.True(await features.IsEnabledAsync("for_42", new TargetingContext { UserId = "User:42" }));
        Assert.True(await features.IsEnabledAsync("for_42", new TargetingContext { UserId = "42" }));
        Assert.False(await features.IsEnabledAsync("for_42", new TargetingContext { UserId = "User:7" }));
        Assert.True(await features.IsEnabledAsync("team_only", new TargetingContext { UserId = "User:7", Groups = ["beta"] }));
        Assert.Contains("for_42", await features.GetFeatureNamesAsync().ToListAsync(Cancel));
    }

    [Fact]
    public async Task The_targeting_mapping_is_configurable()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("for_project", """{"boolean":false,"actors":["Project:9"],"groups":[],"percentage_of_actors":"0","percentage_of_time":"0"}""");
        await using var app = await StartAppAsync(server, web => { }, services => services.AddFeatureManagement().AddVexil(options =>
            options.TargetingActors = context => [Actor.For("Project", context.UserId!)]));
        var features = app.Services.GetRequiredService<IFeatureManager>();

        Assert.True(await features.IsEnabledAsync("for_project", new TargetingContext { UserId = "9" }));
        Assert.False(await features.IsEnabledAsync("for_project", new TargetingContext { UserId = "User:9" }));
    }

    [Fact]
    public async Task FeatureGate_on_a_controller_is_answered_by_vexil_for_the_signed_in_user()
    {
        await using var server = await FakeVexilServer.StartAsync();
        server.SetFlag("for_42", ForUser42);
        await using var app = await StartAppAsync(
            server,
            web =>
            {
                web.Use((context, next) =>
                {
                    // A stand-in for authentication: the header names the signed-in user.
                    if (context.Request.Headers["X-User"].FirstOrDefault() is { } user)
                    {
                        context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user)], "test"));
                    }

                    return next(context);
                });
                web.MapControllers();
            },
            services =>
            {
                services.AddControllers().AddApplicationPart(typeof(GatedController).Assembly);
                services.AddFeatureManagement().AddVexil();
            });
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var anonymous = await http.GetAsync("/gated", Cancel);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gated");
        request.Headers.Add("X-User", "42");
        using var user42 = await http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, user42.StatusCode);
        Assert.Equal("open", await user42.Content.ReadAsStringAsync(Cancel));
    }

    private static async Task<WebApplication> StartAppAsync(FakeVexilServer server, Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Vexil:ServerUrl"] = server.BaseAddress.ToString(),
            ["Vexil:Token"] = FakeVexilServer.Token,
            ["Vexil:Environment"] = server.Environment,
            ["Vexil:InitialReconnectDelay"] = "00:00:00.050",
            ["Vexil:MaxReconnectDelay"] = "00:00:00.200",
            ["Vexil:SendEvaluationCounts"] = "false",
        });
        builder.Services.AddVexil(builder.Configuration.GetSection("Vexil"));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync(Cancel);
        return app;
    }
}

/// <summary>A controller behind <c>[FeatureGate]</c>, for the adapter test.</summary>
[ApiController]
[Route("gated")]
public sealed class GatedController : ControllerBase
{
    /// <summary>Answers when the gate is open.</summary>
    [HttpGet]
    [FeatureGate("for_42")]
    public string Get() => "open";
}
