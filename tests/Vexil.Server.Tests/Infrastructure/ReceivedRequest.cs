using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Vexil.Server.Tests.Infrastructure;

/// <summary>One request a <see cref="LocalReceiver"/> got.</summary>
/// <param name="Path">The path, e.g. <c>/hooks/production</c>.</param>
/// <param name="Headers">The headers (first value of each, names case-insensitive).</param>
/// <param name="Body">The body as text.</param>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>The body as form fields.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
