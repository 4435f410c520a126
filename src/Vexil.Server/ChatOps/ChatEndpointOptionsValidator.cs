using Microsoft.Extensions.Options;

namespace Vexil.Server.ChatOps;

/// <summary>Checks <c>Vexil:ChatOps:AcknowledgeAfter</c> at start-up: a value Slack's deadline cannot meet stops the server.</summary>
internal sealed class ChatEndpointOptionsValidator : IValidateOptions<ChatEndpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChatEndpointOptions options) =>
        options.ParseAcknowledgeAfter() is null
            ? ValidateOptionsResult.Fail(
                $"{ChatEndpointOptions.Section}:AcknowledgeAfter is '{options.AcknowledgeAfter}'; set it to a number of seconds from 0 to below 3 (Slack's deadline), e.g. 2.")
            : ValidateOptionsResult.Success;
}
