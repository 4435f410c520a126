using Vexil.Core.State;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Native;

/// <summary>An environment as the native API shows it.</summary>
public sealed record EnvironmentView(string Name, IReadOnlyList<string> Aliases, bool Protected, bool IsDefault, long Sequence, int PersistedFlags);
