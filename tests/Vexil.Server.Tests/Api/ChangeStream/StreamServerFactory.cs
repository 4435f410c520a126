using System.Globalization;
using Vexil.Server.Tests.Api.Ofrep;
using Vexil.Server.Tests.Infrastructure;

namespace Vexil.Server.Tests.Api.ChangeStream;

/// <summary>
/// The in-process server for snapshot and stream tests: the example definitions plus one flag that is on by default,
/// the scoped read tokens of <see cref="ScopedTestTokens"/>, a short heartbeat, and a short history (so "too old"
/// is reachable). The scoped test tokens are not stored, so streams they open end at once (as a revoked token's do):
/// use them for refusals only.
/// </summary>
public sealed class StreamServerFactory() : ScopedTokenServerFactory(
    "stream",
    DefaultOnFlag,
    new Dictionary<string, string?>
    {
        ["Vexil:Stream:HeartbeatInterval"] = "00:00:00.200",
        ["Vexil:Stream:History"] = History.ToString(CultureInfo.InvariantCulture),
    })
{
    /// <summary>A defined flag whose definition says <c>default_enabled: true</c>.</summary>
    public const string DefaultOnFlag = "stream_default_on";

    /// <summary>Changes kept per environment.</summary>
    public const int History = 20;
}
