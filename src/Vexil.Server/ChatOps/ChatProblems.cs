using Microsoft.AspNetCore.Mvc;

namespace Vexil.Server.ChatOps;

/// <summary>The HTTP errors of the chat endpoints, as ProblemDetails: they are for whoever sets the integration up, not for chat.</summary>
public static class ChatProblems
{
    /// <summary>The endpoint is off because its secret is not configured.</summary>
    public static IResult NotConfigured(string platform, string setting) =>
        Problem(StatusCodes.Status404NotFound, $"{platform} is not set up", $"Set {setting} to turn on this endpoint; without it, requests cannot be authenticated and none are accepted.");

    /// <summary>The request is not authenticated.</summary>
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>The body is larger than <see cref="SlashCommandBody.MaxBytes"/>.</summary>
    public static IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A slash command body may be at most {SlashCommandBody.MaxBytes / 1024} KiB; send a shorter command.");

    /// <summary>The body gives a field more than once.</summary>
    public static IResult RepeatedField(string field) =>
        Problem(StatusCodes.Status400BadRequest, "Repeated field", $"The form body gives '{Vexil.Core.Text.TextRules.Printable(field)}' more than once; send each field once, as Slack and Mattermost do.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
