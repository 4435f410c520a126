using Vexil.Server.Environments;

namespace Vexil.Server.Commands.Parsing;

/// <summary>
/// A parsed <c>feature</c> command: what was asked, before any check. GitLab's argument checks (name and value
/// present, value valid, percentage modifiers) run on this, in <see cref="Checks"/>.
/// </summary>
public sealed record FeatureCommand
{
    /// <summary>The subcommand.</summary>
    public required FeatureSubcommand Subcommand { get; init; }

    /// <summary>The flag's name with surrounding backticks removed, or null when none was given.</summary>
    public string? Name { get; init; }

    /// <summary>The value as typed (<c>feature set</c>), or null when none was given.</summary>
    public string? Value { get; init; }

    /// <summary>The environments, in configured order; the default environment when the command names none.</summary>
    public IReadOnlyList<VexilEnvironment> Environments { get; init; } = [];

    /// <summary>True when the command named its environments; false when the default was used.</summary>
    public bool EnvironmentsNamed { get; init; }

    /// <summary>The actors and feature groups the change is scoped to.</summary>
    public FeatureTargets Targets { get; init; } = FeatureTargets.None;

    /// <summary><c>--actors</c>: a percentage is a percentage of actors.</summary>
    public bool Actors { get; init; }

    /// <summary><c>--random</c>: a percentage is a percentage of time (deprecated).</summary>
    public bool Random { get; init; }

    /// <summary><c>--ignore-production-check</c>.</summary>
    public bool IgnoreProductionCheck { get; init; }

    /// <summary><c>--ignore-feature-flag-consistency-check</c>.</summary>
    public bool IgnoreConsistencyCheck { get; init; }

    /// <summary><c>--ignore-deployment-check</c>.</summary>
    public bool IgnoreDeploymentCheck { get; init; }

    /// <summary><c>--ignore-random-deprecation-check</c>.</summary>
    public bool IgnoreRandomDeprecationCheck { get; init; }

    /// <summary><c>--force</c>: set a flag that has no definition, or clean up a flag despite the clean-up checks (audited).</summary>
    public bool Force { get; init; }

    /// <summary><c>--stale</c> (list): only the flags the stale-flag rules report.</summary>
    public bool Stale { get; init; }

    /// <summary><c>--match</c> (list): a case-insensitive substring of the names to show.</summary>
    public string? Match { get; init; }

    /// <summary>For <c>feature rollout</c>: <c>start</c>, <c>status</c>, <c>pause</c>, <c>resume</c> or <c>abort</c>.</summary>
    public string? RolloutAction { get; init; }

    /// <summary><c>--steps</c> as typed, or null for the default ladder.</summary>
    public string? Steps { get; init; }

    /// <summary><c>--every</c> as typed, or null for the default.</summary>
    public string? Every { get; init; }

    /// <summary><c>--verify</c> as typed, or null for the default.</summary>
    public string? Verify { get; init; }

    /// <summary><c>--check</c> names.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
}
