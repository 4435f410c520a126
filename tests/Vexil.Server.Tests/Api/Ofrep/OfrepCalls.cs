using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>Small helpers to call OFREP and read its JSON.</summary>
public static class OfrepCalls
{
    /// <summary>An evaluation request body for a targeting key and extra actors.</summary>
    public static string Body(string? targetingKey, params string[] actors)
    {
        var context = new Dictionary<string, object?>();
        if (targetingKey is not null)
        {
            context["targetingKey"] = targetingKey;
        }

        if (actors.Length > 0)
        {
            context["actors"] = actors;
        }

        return JsonSerializer.Serialize(new { context });
    }

    /// <summary>POSTs a raw body to a path.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> PostAsync(
        HttpClient client, string path, string body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    /// <summary>Evaluates one flag.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> EvaluateAsync(
        HttpClient client, string flag, string body, Action<HttpRequestMessage>? configure = null) =>
        PostAsync(client, $"/ofrep/v1/evaluate/flags/{flag}", body, configure);

    /// <summary>Evaluates every flag.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> EvaluateAllAsync(
        HttpClient client, string body, Action<HttpRequestMessage>? configure = null) =>
        PostAsync(client, "/ofrep/v1/evaluate/flags", body, configure);

    /// <summary>Finds one flag in a bulk answer, or null.</summary>
    public static JsonElement? FindFlag(JsonElement bulk, string key)
    {
        foreach (var flag in bulk.GetProperty("flags").EnumerateArray())
        {
            if (flag.GetProperty("key").GetString() == key)
            {
                return flag;
            }
        }

        return null;
    }

    /// <summary>A string property, or null when absent.</summary>
    public static string? Text(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
