namespace Vexil.Server.Tests.Infrastructure;

/// <summary>What a <see cref="LocalReceiver"/> answers.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body.</param>
/// <param name="ContentType">Its content type.</param>
public sealed record ReceiverAnswer(int Status = 200, string Body = "ok", string ContentType = "text/plain")
{
    /// <summary>200 with a JSON body.</summary>
    public static ReceiverAnswer Json(string json) => new(200, json, "application/json");
}
