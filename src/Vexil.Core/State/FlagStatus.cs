namespace Vexil.Core.State;

/// <summary>Flipper's summary of a flag's gates.</summary>
public enum FlagStatus
{
    /// <summary>No gate is enabled.</summary>
    Off,

    /// <summary>Some gate other than "everyone" is enabled; the answer depends on the actor (or on chance).</summary>
    Conditional,

    /// <summary>The boolean gate is set, or percentage of time is 100: on for everyone.</summary>
    On,
}
