using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Tests.Auth;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Dashboard;

public sealed class DashboardSessionTests : IClassFixture<VexilServerFactory>
{
    private const string FlagPage = "/dashboard/flags/duo_chat_multi_thread";
    private readonly VexilServerFactory factory;

    public DashboardSessionTests(VexilServerFactory factory) => this.factory = factory;

    [Fact]
    public async Task Signed_out_the_root_is_the_sign_in_page_with_the_api_links()
    {
        using var browser = DashboardBrowser.Open(factory);
        var html = await browser.GetAsync("/");
        Assert.Contains("<label for=\"token\">API token</label>", html, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"overview\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_dashboard_paths_read_the_session_cookie_there_is_no_default_scheme()
    {
        // ASP.NET Core makes a lone scheme the default, which would authenticate the cookie on every API request and
        // keep a cookie handler per request (per open change stream): the dashboard's scheme must not be the default.
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync(Vexil.Server.Dashboard.DashboardSession.Scheme));
    }

    [Fact]
    public async Task No_framework_authentication_or_authorization_middleware_runs_in_front_of_every_request()
    {
        // WebApplication adds both on its own once a scheme and Razor Pages are registered; each request then kept a
        // service scope, a handler cache, an items dictionary and two async frames for its lifetime (about 1 KB per
        // idle change stream). The server marks them as added; this fails if ASP.NET Core adds them anyway.
        var seen = new List<(string Path, bool AuthenticationFeature, bool AuthorizationMarker, bool Signed)>();
        using var recorded = factory.WithWebHostBuilder(host => host.ConfigureServices(services =>
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RecordingStartupFilter(seen))));
        using var browser = DashboardBrowser.Open(recorded);
        await browser.SignInAsync(VexilServerFactory.AdminToken);
        await browser.GetAsync(FlagPage);
        using var api = recorded.CreateClient();
        api.DefaultRequestHeaders.Add("PRIVATE-TOKEN", VexilServerFactory.AdminToken);
        (await api.GetAsync(new Uri("/api/v4/features", UriKind.Relative), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        lock (seen)
        {
            Assert.Contains(seen, request => request.Path == "/api/v4/features");
            Assert.Contains(seen, request => request.Path == FlagPage && request.Signed);
            Assert.All(seen, request => Assert.False(request.AuthenticationFeature, $"{request.Path} went through AuthenticationMiddleware"));
            Assert.All(seen, request => Assert.False(request.AuthorizationMarker, $"{request.Path} went through AuthorizationMiddleware"));
        }
    }

    [Fact]
    public async Task On_dashboard_paths_the_session_is_the_request_user_as_antiforgery_expects()
    {
        using var browser = DashboardBrowser.Open(factory);
        var response = await browser.SignInAsync(VexilServerFactory.AdminToken);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vexil_session=", StringComparison.Ordinal));
        using var scope = factory.Services.CreateScope();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Cookie = cookie.Split(';')[0];

        await Vexil.Server.Dashboard.DashboardSession.AuthenticateAsync(context);

        Assert.True(context.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_a_sentence_and_no_session()
    {
        using var browser = DashboardBrowser.Open(factory);
        var response = await browser.SignInAsync("vxl_not_a_token");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That token is not valid", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("vexil_session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict_and_not_secure_over_http()
    {
        using var browser = DashboardBrowser.Open(factory);
        var response = await browser.SignInAsync(VexilServerFactory.AdminToken);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vexil_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(VexilServerFactory.AdminToken, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_the_session_and_antiforgery_cookies_are_secure()
    {
        using var browser = DashboardBrowser.Open(factory, "https://localhost");
        var response = await browser.SignInAsync(VexilServerFactory.AdminToken);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vexil_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        var page = await browser.Client.GetAsync("/dashboard/audit", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);
        var response = await browser.Client.PostAsync(
            FlagPage, DashboardBrowser.Form(("Environment", "dev"), ("Action", "enable")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await browser.GetAsync(FlagPage);
        Assert.DoesNotContain("On for everyone", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_token_sees_the_flags_and_is_offered_no_form()
    {
        using var admin = factory.CreateAdminClient();
        var (_, secret) = await TokenApi.CreateAsync(admin, "dashboard-reader-" + Guid.NewGuid().ToString("N")[..8], "read");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(secret);

        var overview = await browser.GetAsync("/");
        Assert.Contains("duo_chat_multi_thread", overview, StringComparison.Ordinal);
        var page = await browser.GetAsync(FlagPage);
        Assert.Contains("Audit timeline", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Action\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Set percentage", page, StringComparison.Ordinal);

        // A crafted post is refused as well: the page hides the forms, the server does not rely on it.
        var crafted = await browser.PostFormAsync(FlagPage, ("Environment", "dev"), ("Action", "enable"));
        Assert.Equal(HttpStatusCode.Forbidden, crafted.StatusCode);
        Assert.Contains("may not change feature flags on dev", await crafted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_token_scoped_to_staging_is_offered_staging_forms_only()
    {
        using var admin = factory.CreateAdminClient();
        var (_, secret) = await TokenApi.CreateAsync(admin, "dashboard-staging-" + Guid.NewGuid().ToString("N")[..8], "write", "staging");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(secret);
        var overview = await browser.GetAsync("/");
        Assert.Contains("data-env=\"staging\"", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("data-env=\"production\"", overview, StringComparison.Ordinal);
        var page = await browser.GetAsync(FlagPage);
        Assert.Contains("name=\"Environment\" value=\"staging\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Environment\" value=\"dev\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Environment\" value=\"production\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_ends_the_session_at_the_next_request()
    {
        using var admin = factory.CreateAdminClient();
        var (id, secret) = await TokenApi.CreateAsync(admin, "dashboard-revoked-" + Guid.NewGuid().ToString("N")[..8], "read");
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(secret);
        Assert.Contains("id=\"overview\"", await browser.GetAsync("/"), StringComparison.Ordinal);

        var revoked = await admin.DeleteAsync($"{TokenApi.Path}/{id}", TestContext.Current.CancellationToken);
        Assert.True(revoked.IsSuccessStatusCode);

        var after = await browser.GetAsync("/");
        Assert.DoesNotContain("id=\"overview\"", after, StringComparison.Ordinal);
        Assert.Contains("<label for=\"token\">API token</label>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_protected_environment_needs_the_flag_name_typed()
    {
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);
        var response = await browser.PostFormAsync(FlagPage, ("Environment", "production"), ("Action", "disable"), ("Confirm", "duo_chat"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("production is protected: type the flag&#x27;s name (duo_chat_multi_thread)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_value_cannot_reach_another_environment()
    {
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);
        var response = await browser.PostFormAsync(
            "/dashboard/flags/code_suggestions_context", ("Environment", "dev"), ("Action", "add-actor"), ("ActorKind", "user"), ("Target", "x\" --production --force \""));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Changed on production", html, StringComparison.Ordinal);
        Assert.Contains("Not set on production", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_events_stream_needs_a_session()
    {
        using var browser = DashboardBrowser.Open(factory);
        var response = await browser.Client.GetAsync("/dashboard/events", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_script_and_are_compressed()
    {
        using var browser = DashboardBrowser.Open(factory);
        await browser.SignedInAsync(VexilServerFactory.AdminToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        var response = await browser.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    private sealed class RecordingStartupFilter(List<(string Path, bool AuthenticationFeature, bool AuthorizationMarker, bool Signed)> seen)
        : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                var record = (
                    context.Request.Path.Value ?? "",
                    context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticationFeature>() is not null,
                    context.Items.Keys.OfType<string>().Any(key => key.Contains("Authorization", StringComparison.Ordinal)),
                    context.User.Identity?.IsAuthenticated == true);
                lock (seen)
                {
                    seen.Add(record);
                }
            });
            next(app);
        };
    }
}
