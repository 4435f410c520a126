using Microsoft.Extensions.Options;

namespace Vexil.Server.Dashboard;

/// <summary>Checks <see cref="DashboardOptions"/> at start-up, naming the key and the fix.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.KeysPath is { } path && (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path)))
        {
            failures.Add($"{DashboardOptions.KeysPathKey} is '{path}': give an absolute folder path (shared by every replica), or remove the key to use the default.");
        }

        if (options.SessionIdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{DashboardOptions.Section}:SessionIdleTimeout is {options.SessionIdleTimeout}: give a positive duration such as 08:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
