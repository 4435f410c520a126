using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Dashboard;

/// <summary>A cookie-keeping client that signs in and posts the dashboard's forms with their antiforgery token, as a browser does.</summary>
internal sealed partial class DashboardBrowser : IDisposable
{
    private DashboardBrowser(HttpClient client) => Client = client;

    /// <summary>The client (it keeps cookies and does not follow redirects).</summary>
    public HttpClient Client { get; }

    /// <summary>A browser on <paramref name="factory"/>, at <paramref name="baseAddress"/> (http://localhost by default).</summary>
    public static DashboardBrowser Open(WebApplicationFactory<Program> factory, string baseAddress = "http://localhost") =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) }));

    /// <summary>Signs in with <paramref name="token"/> and returns the answer (302 to / on success).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string token)
    {
        var csrf = await CsrfAsync("/");
        return await Client.PostAsync("/?handler=SignIn", Form(("token", token), ("__csrf", csrf)), TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in and fails the test unless the session started.</summary>
    public async Task SignedInAsync(string token)
    {
        var response = await SignInAsync(token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The page's text.</summary>
    public Task<string> GetAsync(string path) => Client.GetStringAsync(path, TestContext.Current.CancellationToken);

    /// <summary>Posts one of the page's forms with the antiforgery token read from the page at <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var csrf = await CsrfAsync(path);
        return await Client.PostAsync(path, Form([.. fields, ("__csrf", csrf)]), TestContext.Current.CancellationToken);
    }

    /// <summary>The antiforgery token of the first form on the page.</summary>
    public async Task<string> CsrfAsync(string path)
    {
        var html = await GetAsync(path);
        var match = CsrfField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery field:\n" + html);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>A URL-encoded form body.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)));

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
