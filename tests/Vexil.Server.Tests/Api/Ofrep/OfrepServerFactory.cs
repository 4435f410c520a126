using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>
/// The in-process server for OFREP tests: the example definitions plus one of our own that is on by default, read
/// tokens with limited scopes (see <see cref="ScopedTestTokens"/>), and a short event-stream heartbeat.
/// </summary>
public sealed class OfrepServerFactory() : ScopedTokenServerFactory(
    "ofrep",
    DefaultOnFlag,
    new Dictionary<string, string?> { ["Vexil:Ofrep:HeartbeatInterval"] = "00:00:00.200" })
{
    /// <summary>A defined flag whose definition says <c>default_enabled: true</c>.</summary>
    public const string DefaultOnFlag = "ofrep_default_on";

    /// <summary>The example definition (beta, group::duo chat, milestone 17.9, default off).</summary>
    public const string ExampleFlag = "duo_chat_multi_thread";
}
