namespace Vexil.Client.Sync;

/// <summary>One event of the stream: its id (if any), its type (<c>message</c> when unnamed) and its data.</summary>
internal readonly record struct ServerSentEvent(string? Id, string Type, string Data);
