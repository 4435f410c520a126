using System.IO.Compression;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;
using Vexil.Server.Dashboard;
using Vexil.Server.Dashboard.Live;
using Vexil.Server.Dashboard.Views;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the dashboard: Razor Pages, the session cookie, Data Protection, antiforgery and compression.</summary>
public static class DashboardServiceCollectionExtensions
{
    // ASP.NET Core's AppContext switch that stops a lone authentication scheme from becoming the default.
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    /// <summary>Adds the dashboard's services.</summary>
    public static IServiceCollection AddVexilDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        var options = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();

        // Every replica must read the cookies the others wrote: one application name, and (when set) one key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("Vexil");
        if (!string.IsNullOrWhiteSpace(options.KeysPath) && Path.IsPathRooted(options.KeysPath))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(options.KeysPath));
        }

        // No default scheme: only dashboard paths authenticate the cookie (see DashboardApplicationExtensions), so
        // the APIs never act on it and their hot paths pay nothing for it. ASP.NET Core makes a lone scheme the
        // default on its own unless this documented switch says not to: without it every request (each of 10,000
        // idle change streams included) builds a cookie handler with its logger and a request service scope, and
        // keeps them for as long as the request lasts.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        services.AddAuthentication().AddCookie(DashboardSession.Scheme, cookie =>
        {
            cookie.Cookie.Name = DashboardSession.CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = options.SessionIdleTimeout;
            cookie.SlidingExpiration = true;
            cookie.Events.OnValidatePrincipal = DashboardSession.ValidateAsync;
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = DashboardSession.AntiforgeryCookieName;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__csrf";
        });
        services.AddRazorPages(pages => pages.RootDirectory = "/Dashboard/Pages");

        // Compression is applied to the dashboard's pages only (see DashboardApplicationExtensions). BREACH needs a
        // response that holds both a secret and text an attacker chose, fetched with the victim's cookies: the session
        // and antiforgery cookies are SameSite=Strict, so a request another site starts carries neither and gets the
        // sign-in page; and ASP.NET Core encrypts the antiforgery token afresh for every response, so no two pages
        // carry the same bytes for an attacker to converge on. HTTPS responses are therefore compressed too.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ["text/html", "text/css", "text/javascript"];
        });
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Fastest);

        services.AddSingleton<DashboardChangeFeed>();
        services.AddSingleton<OverviewBuilder>();
        services.AddSingleton<StaleFlagCache>();
        return services;
    }
}
