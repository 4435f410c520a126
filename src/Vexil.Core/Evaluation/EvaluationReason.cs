namespace Vexil.Core.Evaluation;

/// <summary>Why an evaluation came out as it did; the OFREP layer maps these to OpenFeature reasons.</summary>
public enum EvaluationReason
{
    /// <summary>The flag is neither persisted nor defined.</summary>
    Unknown,

    /// <summary>The flag is off for everyone.</summary>
    Disabled,

    /// <summary>The flag is on for everyone (boolean, or 100% of time).</summary>
    Static,

    /// <summary>An actor or feature group gate opened.</summary>
    TargetingMatch,

    /// <summary>A percentage gate (of actors or of time) opened.</summary>
    Split,

    /// <summary>The flag is conditional and no gate opened for these actors.</summary>
    NoMatch,

    /// <summary>The actor opted out of the flag (GitLab's opt-out), whatever the other gates say.</summary>
    OptedOut,

    /// <summary>The flag has a definition but no stored state: the definition's <c>default_enabled</c> answered.</summary>
    Default,
}
