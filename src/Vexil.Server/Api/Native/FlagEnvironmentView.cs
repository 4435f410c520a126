using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>A flag's state in one environment: <c>on</c>, <c>off</c> or <c>conditional</c>, and whether it is stored there.</summary>
public sealed record FlagEnvironmentView(string Environment, string State, bool Persisted, GatesView? Gates);
