using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Commands.Execution;

/// <summary>
/// What a command's caller may do in an environment. A token decides when there is one. Without a token, chat and
/// dashboard requests pass (their front ends authenticate people), CLI and API requests do not.
/// </summary>
public static class TokenAccess
{
    /// <summary>Null when the caller may change flags in <paramref name="environment"/>; otherwise the refusal.</summary>
    public static string? ChangeRefusal(CommandRequest request, VexilEnvironment environment) =>
        request.Principal is { } token
            ? token.CanWrite(environment)
                ? null
                : $"Unable to proceed because the token '{token.Name}' may not change feature flags on {environment.Name}: use an admin token, or a write token scoped to {environment.Name}."
            : NoTokenRefusal(request);

    /// <summary>Null when the caller may read flags in <paramref name="environment"/>; otherwise the refusal.</summary>
    public static string? ReadRefusal(CommandRequest request, VexilEnvironment environment) =>
        request.Principal is { } token
            ? token.CanRead(environment)
                ? null
                : $"Unable to proceed because the token '{token.Name}' may not read feature flags on {environment.Name}: use a token that includes {environment.Name}."
            : NoTokenRefusal(request);

    private static string? NoTokenRefusal(CommandRequest request) =>
        request.Source is ChangeChannels.Chat or ChangeChannels.Dashboard
            ? null
            : "Unable to proceed because the request carries no token: send one in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.";
}
