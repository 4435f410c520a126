using Vexil.Core.State;

namespace Vexil.Server.Api.Transfer;

/// <summary>One flag read from an import file: its name and the state the file gives it.</summary>
public sealed record ImportedFlag(string Name, FlagState State);
