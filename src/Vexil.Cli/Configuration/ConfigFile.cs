using System.Text.Json;

namespace Vexil.Cli.Configuration;

/// <summary>
/// The file <c>vexil login</c> writes and every other command reads: <c>$XDG_CONFIG_HOME/vexil/config.json</c>, or
/// <c>~/.config/vexil/config.json</c> when that variable is unset. It holds a secret, so it is written with mode 0600
/// inside a folder with mode 0700, and replaced in one rename so a crash never leaves half a file.
/// </summary>
internal sealed class ConfigFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Creates a handle on the file at <paramref name="path"/>.</summary>
    public ConfigFile(string path) => Path = path;

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The configuration file for the user described by <paramref name="getEnvironmentVariable"/>.</summary>
    public static ConfigFile For(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        // The XDG base directory specification says relative values are invalid and must be ignored.
        var xdg = getEnvironmentVariable("XDG_CONFIG_HOME");
        string folder;
        if (!string.IsNullOrEmpty(xdg) && System.IO.Path.IsPathRooted(xdg))
        {
            folder = xdg;
        }
        else if (OperatingSystem.IsWindows())
        {
            folder = getEnvironmentVariable("APPDATA") is { Length: > 0 } appData
                ? appData
                : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        }
        else
        {
            var home = getEnvironmentVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            folder = System.IO.Path.Combine(home, ".config");
        }

        return new ConfigFile(System.IO.Path.Combine(folder, "vexil", "config.json"));
    }

    /// <summary>Reads the file; null when it does not exist.</summary>
    /// <exception cref="CliException">The file exists but cannot be read or is not valid JSON.</exception>
    public CliConfig? Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Could not read {Path} ({e.Message}): fix its permissions or run `vexil login` again.", innerException: e);
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(text, JsonOptions) ?? new CliConfig(null, null);
        }
        catch (JsonException e)
        {
            throw new CliException($"{Path} is not valid JSON ({e.Message}): fix it or run `vexil login` again.", innerException: e);
        }
    }

    /// <summary>Writes <paramref name="config"/>, replacing the file whole, readable and writable by the owner only.</summary>
    /// <exception cref="CliException">The folder or file cannot be written.</exception>
    public void Save(CliConfig config)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Created with 0600 from the first byte: a chmod after writing would leave a moment where others could read the token.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, config, JsonOptions);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CliException($"Could not write {Path} ({e.Message}): check that you may write to {folder}, or set VEXIL_URL and VEXIL_TOKEN instead.", innerException: e);
        }
    }

    /// <summary>Deletes the file; false when there was none.</summary>
    public bool Delete()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        try
        {
            File.Delete(Path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Could not delete {Path} ({e.Message}): delete it by hand.", innerException: e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The real failure is already being reported; a stray temporary file is harmless.
        }
    }
}
