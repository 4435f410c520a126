using Microsoft.Extensions.Options;
using Vexil.Definitions;
using Vexil.Definitions.References;

namespace Vexil.Server.Lifecycle;

/// <summary>Checks <see cref="LifecycleOptions"/> at start-up, naming the key and what to write instead.</summary>
public sealed class LifecycleOptionsValidator : IValidateOptions<LifecycleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (type, entry) in options.Types)
        {
            if (!DefinitionType.TryGet(type, out _))
            {
                failures.Add($"{LifecycleOptions.Section}:Types:{type} names no definition type; use one of {string.Join(", ", DefinitionType.All.Select(known => known.Name))}.");
            }
            else if (entry.Lifetime is { } lifetime && lifetime <= TimeSpan.Zero)
            {
                failures.Add($"{LifecycleOptions.Section}:Types:{type}:Lifetime is {lifetime}; give a positive duration such as 61.00:00:00, or leave it empty for a type that never goes stale.");
            }
        }

        if (options.StaleAfterDays < 1)
        {
            failures.Add($"{LifecycleOptions.Section}:StaleAfterDays is {options.StaleAfterDays}; give a number of days of at least 1 (default 30).");
        }

        if (options.CheckInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{LifecycleOptions.Section}:CheckInterval is {options.CheckInterval}; give at least 00:01:00 (default one hour).");
        }

        if (options.FirstCheckAfter < TimeSpan.Zero)
        {
            failures.Add($"{LifecycleOptions.Section}:FirstCheckAfter is {options.FirstCheckAfter}; give 00:00:00 or more (default 00:05:00).");
        }

        foreach (var template in options.Patterns)
        {
            if (ReferencePattern.TryParse(template, out _) is { } problem)
            {
                failures.Add($"{LifecycleOptions.Section}:Patterns: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
