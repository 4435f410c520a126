using Vexil.Core.Evaluation;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// The OpenFeature reasons Vexil answers with: only those in OFREP 0.3.0's reason enum (<c>STATIC</c>,
/// <c>TARGETING_MATCH</c>, <c>SPLIT</c>, <c>DISABLED</c>, <c>UNKNOWN</c>), so clients generated from the schema accept
/// every answer. Kept as a small closed set so that every (value, reason) pair has one pre-encoded response fragment.
/// </summary>
internal enum OfrepReason
{
    /// <summary>
    /// <c>STATIC</c>: on for everyone (boolean gate, or 100% of time), or the definition's <c>default_enabled</c>
    /// answered because the flag has no stored state (a fixed value, the same for every context).
    /// </summary>
    Static,

    /// <summary>
    /// <c>TARGETING_MATCH</c>: the actor and feature-group gates decided: one opened, the actor opted out, or the flag
    /// is conditional and none opened for these actors (a dynamic evaluation that came out false).
    /// </summary>
    TargetingMatch,

    /// <summary><c>SPLIT</c>: a percentage gate (of actors or of time) decided.</summary>
    Split,

    /// <summary><c>DISABLED</c>: the stored state is off.</summary>
    Disabled,

    /// <summary><c>UNKNOWN</c>: not expected for a known flag; kept so every engine reason has a mapping.</summary>
    Unknown,
}
