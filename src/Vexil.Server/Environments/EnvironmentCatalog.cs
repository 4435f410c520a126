using Microsoft.Extensions.Options;

namespace Vexil.Server.Environments;

/// <summary>
/// The environments this server holds, resolvable by name or alias. Built once from configuration; invalid
/// configuration stops start-up with a message saying which entry is wrong.
/// </summary>
public sealed class EnvironmentCatalog
{
    private static readonly EnvironmentDefinition[] GitLabDefaults =
    [
        new() { Name = "dev" },
        new() { Name = "pre" },
        // Each canary comes just before its main stage, as GitLab's deployment pipeline runs them: a change is seen
        // there first. A canary holds flag states of its own, so `--staging` does not touch `staging-canary`.
        new() { Name = "staging-canary", Aliases = ["gstg-cny"] },
        new() { Name = "staging", Aliases = ["gstg"] },
        new() { Name = "staging-ref", Aliases = ["gstg-ref"] },
        new() { Name = "ops" },
        new() { Name = "production-canary", Aliases = ["gprd-cny"], Protected = true },
        new() { Name = "production", Aliases = ["gprd"], Protected = true },
    ];

    private readonly Dictionary<string, VexilEnvironment> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the catalog from options.</summary>
    public EnvironmentCatalog(IOptions<EnvironmentOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Builds the catalog from options; throws <see cref="InvalidOperationException"/> on bad configuration.</summary>
    public EnvironmentCatalog(EnvironmentOptions options)
    {
        var definitions = options.Environments.Count > 0 ? options.Environments : [.. GitLabDefaults];
        var all = new List<VexilEnvironment>();
        foreach (var definition in definitions)
        {
            var name = definition.Name?.Trim() ?? string.Empty;
            if (!IsValidName(name))
            {
                throw new InvalidOperationException(
                    $"Vexil:Environments has an environment named '{name}': use lowercase letters, digits and dashes, e.g. 'staging-ref'.");
            }

            var environment = new VexilEnvironment(name, definition.Aliases.Select(a => a.Trim()).Where(a => a.Length > 0).ToArray(), definition.Protected, all.Count);
            foreach (var key in environment.Aliases.Prepend(name))
            {
                if (!byName.TryAdd(key, environment))
                {
                    throw new InvalidOperationException($"Vexil:Environments names '{key}' twice; give each environment and alias a unique name.");
                }
            }

            all.Add(environment);
        }

        All = all;
        var fallback = Resolve(options.DefaultEnvironment);
        Default = fallback ?? throw new InvalidOperationException(
            $"Vexil:DefaultEnvironment is '{options.DefaultEnvironment}', which is not configured; use one of: {string.Join(", ", all.Select(e => e.Name))}.");
    }

    /// <summary>Every environment, in configured order.</summary>
    public IReadOnlyList<VexilEnvironment> All { get; }

    /// <summary>The environment used when a request names none.</summary>
    public VexilEnvironment Default { get; }

    /// <summary>Finds an environment by name or alias (case-insensitive); null when unknown.</summary>
    public VexilEnvironment? Resolve(string? nameOrAlias) =>
        nameOrAlias is not null && byName.TryGetValue(nameOrAlias.Trim(), out var environment) ? environment : null;

    /// <summary>The error for an unknown environment, naming the known ones.</summary>
    public string UnknownEnvironmentMessage(string? nameOrAlias) =>
        $"Unknown environment '{nameOrAlias}'. Known environments: {string.Join(", ", All.Select(Describe))}.";

    private static string Describe(VexilEnvironment environment) =>
        environment.Aliases.Count == 0 ? environment.Name : $"{environment.Name} ({string.Join(", ", environment.Aliases)})";

    // Environment names become chat flags (--staging-ref) and URL segments, so keep them simple.
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')
        && char.IsAsciiLetterOrDigit(name[0]);
}
