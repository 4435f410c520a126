using System.Net;
using Vexil.Server.Environments;

namespace Vexil.Server.Hosting;

/// <summary>The <c>/</c> page: shows a newcomer where to go.</summary>
internal static class HomePage
{
    public static IResult Render(EnvironmentCatalog environments)
    {
        var environmentList = string.Join(", ", environments.All.Select(e => WebUtility.HtmlEncode(e.IsProtected ? e.Name + " (protected)" : e.Name)));
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Vexil</title><link rel="icon" href="/favicon.ico">
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}
            code{background:#f3f3f3;padding:0 .25rem;border-radius:3px}li{margin:.3rem 0}</style></head>
            <body>
            <h1>Vexil</h1>
            <p>Feature-flag rollouts, the way GitLab does them: gates that decide exactly as Flipper, every environment in
            one server, every change recorded.</p>
            <p>Environments: {{environmentList}}.</p>
            <h2>APIs</h2>
            <ul>
            <li><a href="/openapi/v1.json">OpenAPI document</a> (<code>/openapi/v1.json</code>)</li>
            <li><a href="/api/v1/environments">Native API</a> under <code>/api/v1</code>: environments, flags, checks, audit, definitions, tokens, incidents, change locks</li>
            <li>GitLab's Features API under <code>/api/v4/features</code> (python-gitlab and GitLab's curl examples work unchanged)</li>
            <li>OpenFeature remote evaluation (OFREP) under <code>/ofrep/v1/evaluate/flags</code></li>
            <li><a href="/health">Health</a>, and Prometheus metrics at <code>/metrics</code> (a <code>metrics</code> or admin token)</li>
            </ul>
            <p>Authenticate with <code>PRIVATE-TOKEN: &lt;token&gt;</code> or <code>Authorization: Bearer &lt;token&gt;</code>.</p>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
