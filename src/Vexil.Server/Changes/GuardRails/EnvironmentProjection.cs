using Vexil.Core.State;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Changes.GuardRails;

/// <summary>
/// What one environment's request will do, worked out from the current snapshot before anything is written, so the
/// guard rails can look at every environment of the change (and at what the others will become) first.
/// </summary>
/// <param name="Request">The request.</param>
/// <param name="Environment">Its environment.</param>
/// <param name="Projected">The stored state after the request; null for a delete or when a gate rule refuses.</param>
/// <param name="ProjectedEnabled">True when the flag will be on or conditional afterwards.</param>
/// <param name="Enables">True when the request turns something on (enable, an actor or group, a percentage above 0).</param>
/// <param name="Disables">True when the request turns something off (disable, an actor or group removed, a percentage of 0).</param>
/// <param name="GateRefusal">The gate rule the operations break on the current state, or null.</param>
public sealed record EnvironmentProjection(
    ChangeRequest Request,
    VexilEnvironment Environment,
    FlagState? Projected,
    bool ProjectedEnabled,
    bool Enables,
    bool Disables,
    string? GateRefusal);
