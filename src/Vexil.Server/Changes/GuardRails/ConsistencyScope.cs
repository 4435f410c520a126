using Microsoft.Extensions.Options;
using Vexil.Server.Commands;
using Vexil.Server.Environments;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>The two environments the consistency check compares (<c>Vexil:Commands</c>), resolved once.</summary>
public sealed class ConsistencyScope(EnvironmentCatalog environments, IOptions<CommandOptions> options)
{
    /// <summary>The leading environment, or null when not configured.</summary>
    public VexilEnvironment? Staging { get; } = environments.Resolve(options.Value.StagingEnvironment);

    /// <summary>The following environment, or null when not configured.</summary>
    public VexilEnvironment? Production { get; } = environments.Resolve(options.Value.ProductionEnvironment);

    /// <summary>True when the check applies to <paramref name="environment"/>.</summary>
    public bool Covers(VexilEnvironment environment) =>
        Staging is not null && Production is not null && (environment == Staging || environment == Production);
}
