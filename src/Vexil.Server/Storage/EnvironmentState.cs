using Vexil.Core.State;

namespace Vexil.Server.Storage;

/// <summary>Every persisted flag of an environment, as of <paramref name="Sequence"/>.</summary>
public sealed record EnvironmentState(string Environment, long Sequence, IReadOnlyDictionary<string, FlagState> Flags);
