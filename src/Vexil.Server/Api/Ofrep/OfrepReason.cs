using Vexil.Core.Evaluation;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The OpenFeature reasons Vexil answers with, and how the engine's reasons map to them. Kept as a small closed
/// set so that every (value, reason) pair has one pre-encoded response fragment.
/// </summary>
internal enum OfrepReason
{
    /// <summary><c>STATIC</c>: on for everyone (boolean gate, or 100% of time).</summary>
    Static,

    /// <summary><c>TARGETING_MATCH</c>: an actor or feature-group gate decided, or the actor opted out.</summary>
    TargetingMatch,

    /// <summary><c>SPLIT</c>: a percentage gate (of actors or of time) decided.</summary>
    Split,

    /// <summary>
    /// <c>DEFAULT</c>: the definition's <c>default_enabled</c> answered (no stored state), or the flag is conditional
    /// and no gate opened. An OpenFeature standard reason, though outside OFREP 0.3.0's enum; see docs/api-ofrep.md.
    /// </summary>
    Default,

    /// <summary><c>DISABLED</c>: the stored state is off.</summary>
    Disabled,

    /// <summary><c>UNKNOWN</c>: not expected for a known flag; kept so every engine reason has a mapping.</summary>
    Unknown,
}
