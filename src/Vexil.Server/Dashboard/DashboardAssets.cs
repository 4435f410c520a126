using System.Reflection;

namespace Vexil.Server.Dashboard;

/// <summary>The dashboard's own stylesheet and script, embedded in the server so it works offline with no CDN.</summary>
public static class DashboardAssets
{
    /// <summary>The stylesheet's path; the version in it changes when the file does, so browsers may cache it.</summary>
    public const string StylesheetPath = "/dashboard/assets/dashboard.v1.css";

    /// <summary>The script's path.</summary>
    public const string ScriptPath = "/dashboard/assets/dashboard.v1.js";

    /// <summary>The stylesheet.</summary>
    public static readonly byte[] Stylesheet = Read("dashboard.css");

    /// <summary>The script.</summary>
    public static readonly byte[] Script = Read("dashboard.js");

    /// <summary>An asset answer, cacheable for a day.</summary>
    public static IResult Serve(HttpContext http, byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(content, contentType);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Vexil.Server.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
