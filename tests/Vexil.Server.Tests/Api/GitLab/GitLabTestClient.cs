using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>Calls the Features API the ways clients do: form, JSON, multipart or query string.</summary>
public sealed class GitLabTestClient(HttpClient http) : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The underlying client, for raw requests.</summary>
    public HttpClient Http => http;

    /// <summary>POST with an urlencoded form, as curl <c>--data</c> sends it.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string name, params (string Key, string Value)[] fields) =>
        http.PostAsync(FeaturePath(name), new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))), Cancel);

    /// <summary>POST with a JSON body (Content-Type exactly application/json, as python-gitlab sends it) and an optional query.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string name, string json, string? query = null)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return http.PostAsync(FeaturePath(name) + Query(query), content, Cancel);
    }

    /// <summary>POST with every parameter in the query string and no body.</summary>
    public Task<HttpResponseMessage> PostQueryAsync(string name, string query) =>
        http.PostAsync(FeaturePath(name) + Query(query), null, Cancel);

    /// <summary>POST with a multipart/form-data body, as curl <c>--form</c> sends it.</summary>
    public Task<HttpResponseMessage> PostMultipartAsync(string name, params (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        return http.PostAsync(FeaturePath(name), content, Cancel);
    }

    /// <summary>POST that must succeed; returns the feature JSON.</summary>
    public async Task<JsonElement> SetAsync(string name, params (string Key, string Value)[] fields)
    {
        using var response = await PostFormAsync(name, fields);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POST that must be refused with 400; returns the message.</summary>
    public async Task<string> RefusedAsync(string name, params (string Key, string Value)[] fields)
    {
        using var response = await PostFormAsync(name, fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await MessageAsync(response);
    }

    /// <summary>DELETE, with an optional query.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string name, string? query = null) =>
        http.DeleteAsync(FeaturePath(name) + Query(query), Cancel);

    /// <summary>GET /api/v4/features with an optional query.</summary>
    public Task<HttpResponseMessage> ListAsync(string? query = null) => http.GetAsync("/api/v4/features" + Query(query), Cancel);

    /// <summary>The feature list of an environment (default: the request's default), asserting 200.</summary>
    public async Task<JsonElement> FeaturesAsync(string? environment = null)
    {
        using var response = await ListAsync(environment is null ? null : "environment=" + environment);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>One feature from the list, or null when it is not persisted there.</summary>
    public async Task<JsonElement?> FeatureAsync(string name, string? environment = null)
    {
        foreach (var feature in (await FeaturesAsync(environment)).EnumerateArray())
        {
            if (feature.GetProperty("name").GetString() == name)
            {
                return feature;
            }
        }

        return null;
    }

    /// <summary>The <c>message</c> of an error body.</summary>
    public static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>A gate's value from a feature's JSON, or null when the gate is omitted.</summary>
    public static JsonElement? Gate(JsonElement feature, string key)
    {
        foreach (var gate in feature.GetProperty("gates").EnumerateArray())
        {
            if (gate.GetProperty("key").GetString() == key)
            {
                return gate.GetProperty("value");
            }
        }

        return null;
    }

    /// <summary>The gate keys of a feature, in order.</summary>
    public static string[] GateKeys(JsonElement feature) =>
        feature.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("key").GetString()!).ToArray();

    /// <summary>A string-array gate's values (actors, groups).</summary>
    public static string[] Members(JsonElement feature, string key) =>
        Gate(feature, key) is { } value ? value.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];

    /// <inheritdoc />
    public void Dispose() => http.Dispose();

    private static string FeaturePath(string name) => "/api/v4/features/" + name;

    private static string Query(string? query) => string.IsNullOrEmpty(query) ? string.Empty : "?" + query;
}
