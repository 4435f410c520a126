using Microsoft.Extensions.Configuration.Json;

namespace Vexil.Server.Hosting;

/// <summary>
/// Makes the <c>appsettings.json</c> shipped next to the server's binaries apply wherever the server is started from.
/// ASP.NET Core reads <c>appsettings.json</c> from the content root, which is the working directory; a published
/// server started from another folder would otherwise lose its log levels and defaults without a word.
/// </summary>
public static class ShippedSettings
{
    /// <summary>The file shipped with the server.</summary>
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Adds the shipped file from <paramref name="baseDirectory"/> (the application's folder) as the lowest-priority
    /// settings file: an <c>appsettings.json</c> in the content root, environment variables and the command line all
    /// override it. Nothing is added when the content root is the application's folder, since the file is read there
    /// already, or when no file is shipped.
    /// </summary>
    public static ConfigurationManager AddShippedSettings(this ConfigurationManager configuration, string contentRoot, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(contentRoot);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);

        var shipped = Path.GetFullPath(Path.Combine(baseDirectory, FileName));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (!File.Exists(shipped) || string.Equals(shipped, Path.GetFullPath(Path.Combine(contentRoot, FileName)), comparison))
        {
            return configuration;
        }

        var source = new JsonConfigurationSource { Path = shipped, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();

        // Just before the content root's appsettings.json, so that file (and everything after it) still wins.
        IConfigurationBuilder builder = configuration;
        var contentRootFile = builder.Sources
            .Select((candidate, index) => (candidate, index))
            .FirstOrDefault(pair => pair.candidate is JsonConfigurationSource { Path: FileName });
        builder.Sources.Insert(contentRootFile.candidate is null ? 0 : contentRootFile.index, source);
        return configuration;
    }
}
