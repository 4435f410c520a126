using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Vexil.Server.Tests.Auth;

/// <summary>Calls of <c>/api/v1/tokens</c> the tests share.</summary>
public static class TokenApi
{
    /// <summary>The collection's path.</summary>
    public const string Path = "/api/v1/tokens";

    /// <summary>Makes a token and returns its id and secret; fails the test unless the answer is 201.</summary>
    public static async Task<(long Id, string Secret)> CreateAsync(HttpClient admin, string name, string kind, params string[] environments)
    {
        var response = await admin.PostAsJsonAsync(Path, new { name, kind, environments }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("id").GetInt64(), json.RootElement.GetProperty("token").GetString()!);
    }

    /// <summary>Reads a JSON answer.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}
