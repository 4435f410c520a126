namespace Vexil.Server.Commands.Results;

/// <summary>One flag in a <c>feature list</c> answer.</summary>
/// <param name="Name">The flag's name.</param>
/// <param name="Detail">For a conditional flag, its gates in a few words (e.g. "percentage of actors: 50%"); otherwise null.</param>
public sealed record FlagListEntry(string Name, string? Detail);
