namespace Vexil.Server.Commands;

/// <summary>
/// Tells the person waiting that something slow has started, e.g. "Production check initiated, this may take up to
/// 300 seconds ...". Chat posts it at once, so nobody wonders whether the command was lost.
/// </summary>
/// <param name="message">The message to show.</param>
/// <param name="cancellationToken">The command's cancellation token.</param>
public delegate ValueTask CommandProgress(string message, CancellationToken cancellationToken);
