namespace Vexil.Server.Commands.Api;

/// <summary>The body of <c>POST /api/v1/commands</c>.</summary>
/// <param name="Text">The command, e.g. <c>feature set duo_chat_multi_thread 50 --actors --staging</c>.</param>
public sealed record CommandBody(string? Text);
