using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Execution;
using Vexil.Server.Commands.Results;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.ChatOps;

/// <summary>
/// Runs a chat command within the chat platform's patience. Slack gives a slash command 3 seconds, and a production
/// check can take minutes, so the command runs on its own and the request waits only until one of three things
/// happens: the command finishes (its answer is the response), the command announces a slow step ("Production check
/// initiated, this may take up to 300 seconds ..." is the response, at once), or <c>Vexil:ChatOps:AcknowledgeAfter</c>
/// passes (a "working on it" response). In the last two cases the answer is posted to <c>response_url</c> when the
/// command is done.
/// </summary>
public sealed class ChatCommandRunner(
    FeatureCommandExecutor executor,
    ResponseUrlSender sender,
    ChatFollowUps followUps,
    IOptions<ChatEndpointOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ChatCommandRunner> logger)
{
    private readonly TimeSpan acknowledgeAfter = options.Value.ParseAcknowledgeAfter() ?? TimeSpan.FromSeconds(2);

    /// <summary>Runs the command; returns the body of the immediate answer.</summary>
    public async Task<JsonObject> RunAsync(CommandRequest request, Uri responseUrl, IChatReplies replies)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(replies);
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask Progress(string message, CancellationToken cancellationToken)
        {
            announced.TrySetResult(message);
            return ValueTask.CompletedTask;
        }

        // Not tied to the request: Slack hangs up after 3 seconds, and the command must still finish and answer.
        // Stopping the server cancels it, which stops it before its first write.
        var command = Task.Run(() => executor.ExecuteAsync(request, Progress, lifetime.ApplicationStopping));

        // Zero means: always acknowledge at once and answer on response_url.
        if (acknowledgeAfter > TimeSpan.Zero)
        {
            using var wait = new CancellationTokenSource();
            await Task.WhenAny(command, announced.Task, Task.Delay(acknowledgeAfter, time, wait.Token));
            await wait.CancelAsync();
        }

        if (acknowledgeAfter > TimeSpan.Zero && command.IsCompleted)
        {
            return await AnswerAsync(command, request, replies, delayed: false);
        }

        followUps.Track(FollowUpAsync(command, request, responseUrl, replies));
        var acknowledgement = announced.Task.IsCompleted
            ? announced.Task.Result
            : $"Working on `{Shorten(request.Text)}` ... the answer will follow here.";
        return replies.Notice(acknowledgement, inChannel: true, delayed: false);
    }

    private async Task FollowUpAsync(Task<CommandResult> command, CommandRequest request, Uri responseUrl, IChatReplies replies)
    {
        var answer = await AnswerAsync(command, request, replies, delayed: true);
        try
        {
            await sender.PostAsync(responseUrl, answer, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Nobody awaits a follow-up: say here why the person got no answer (the change itself is in the audit log).
            logger.LogError(exception, "Could not post the answer to `{Command}` (request {RequestId}) to response_url", request.Text, request.RequestId);
        }
    }

    private async Task<JsonObject> AnswerAsync(Task<CommandResult> command, CommandRequest request, IChatReplies replies, bool delayed)
    {
        try
        {
            return replies.Result(await command, delayed);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return replies.Notice("Vexil was stopping, so the command was not run; nothing was changed. Run it again.", inChannel: false, delayed);
        }
        catch (StoreUnavailableException outage)
        {
            // The database is away: say plainly whether anything changed and that a retry is the way on. The message
            // already says "the change was not made; retry" or, when a commit went unanswered, "may or may not".
            logger.LogWarning("The chat command `{Command}` from {User} met a database outage (request {RequestId}): {Problem}", request.Text, request.UserName, request.RequestId, outage.Message);
            return replies.Notice(outage.Message, inChannel: false, delayed);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The chat command `{Command}` from {User} failed (request {RequestId})", request.Text, request.UserName, request.RequestId);
            return replies.Notice(
                $"Vexil could not finish the command because of an error on the server (request {request.RequestId}); check with `feature get` what changed, and ask an admin to look at the server's log.",
                inChannel: false,
                delayed);
        }
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Replace("`", "'", StringComparison.Ordinal).Trim();
        return oneLine.Length <= 200 ? oneLine : string.Concat(oneLine.AsSpan(0, 200), "…");
    }
}
