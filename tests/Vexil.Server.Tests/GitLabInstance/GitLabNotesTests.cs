using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.GitLabInstance;

/// <summary>
/// The rollout-issue note and the feature-flag log issue, end to end: the real server (its outbox worker running) and
/// GitLab played by an in-test Kestrel receiver that checks GitLab's routes, the <c>PRIVATE-TOKEN</c> header and the
/// bodies of its Notes and Issues APIs.
/// </summary>
public sealed class GitLabNotesTests : IAsyncLifetime
{
    private const string Token = "glpat-vexil-test-token";
    private const string NotePath = "/api/v4/projects/group%2Fsub%2Fapp/issues/42/notes";
    private const string LogPath = "/api/v4/projects/ops%2Ffeature-flag-log/issues";

    private LocalReceiver gitlab = null!;
    private string definitions = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        gitlab = await LocalReceiver.StartAsync(Cancel);

        // The seed definition, with its rollout issue moved onto the test's GitLab.
        definitions = TestPaths.NewTempFolder("vexil-gitlab-definitions");
        Directory.CreateDirectory(Path.Combine(definitions, "beta"));
        var seed = await File.ReadAllTextAsync(Path.Combine(TestPaths.ExampleDefinitions, "beta", "duo_chat_multi_thread.yml"), Cancel);
        await File.WriteAllTextAsync(
            Path.Combine(definitions, "beta", "duo_chat_multi_thread.yml"),
            seed.Replace("https://gitlab.com/gitlab-org/gitlab/-/issues/511234", gitlab.Url("/group/sub/app/-/issues/42"), StringComparison.Ordinal),
            Cancel);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await gitlab.DisposeAsync();

    private VexilServerFactory Server(string? logProject) => VexilServerFactory.With(new Dictionary<string, string?>
    {
        ["Vexil:Definitions:Paths:0"] = definitions,
        ["Vexil:GitLab:Url"] = gitlab.BaseAddress.ToString(),
        ["Vexil:GitLab:Token"] = Token,
        ["Vexil:GitLab:FeatureFlagLogProject"] = logProject,
        ["Vexil:Notifications:Delivery:InitialBackoff"] = "00:00:01",
        ["Vexil:Notifications:Delivery:PollInterval"] = "00:00:01",
    });

    [Fact]
    public async Task A_change_adds_one_note_to_the_rollout_issue_and_opens_one_log_issue_and_a_failing_gitlab_is_retried()
    {
        var calls = 0;
        gitlab.Respond(NotePath, _ => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? new ReceiverAnswer(500, """{"message":"500 Internal Server Error"}""", "application/json")
            : new ReceiverAnswer(201, """{"id":1,"body":"..."}""", "application/json")));
        gitlab.Respond(LogPath, new ReceiverAnswer(201, """{"iid":7,"web_url":"https://gitlab.example.com/ops/feature-flag-log/-/issues/7"}""", "application/json"));
        using var server = Server("ops/feature-flag-log");
        var admin = server.CreateAdminClient();

        using var changed = await admin.PostAsJsonAsync("/api/v1/commands", new { text = "feature set duo_chat_multi_thread true --staging" }, Cancel);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Cancel));

        var failed = await gitlab.NextAsync(NotePath, Cancel);
        var note = await gitlab.NextAsync(NotePath, Cancel);
        var log = await gitlab.NextAsync(LogPath, Cancel);

        Assert.Equal(failed.Body, note.Body);
        Assert.Equal(Token, note.Header("PRIVATE-TOKEN"));
        Assert.StartsWith("application/json", note.Header("Content-Type"), StringComparison.Ordinal);
        var body = note.Json;
        Assert.Equal(["body"], body.Select(p => p.Key));
        var text = (string)body["body"]!;
        Assert.StartsWith("Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging.\n\n", text, StringComparison.Ordinal);
        Assert.Contains("- **Environment:** staging\n", text, StringComparison.Ordinal);
        Assert.Contains("- **Command:** `feature set duo_chat_multi_thread true --staging`\n", text, StringComparison.Ordinal);
        Assert.Contains("- **Changed by:** ", text, StringComparison.Ordinal);

        Assert.Equal(Token, log.Header("PRIVATE-TOKEN"));
        var issue = log.Json;
        Assert.Equal(["title", "description", "labels"], issue.Select(p => p.Key));
        Assert.Equal("Feature flag 'duo_chat_multi_thread' has been set to 'true' on staging", (string)issue["title"]!);
        Assert.Equal("host::staging,change", (string)issue["labels"]!);
        Assert.Contains($"- **Rollout issue:** {gitlab.Url("/group/sub/app/-/issues/42")}\n", (string)issue["description"]!, StringComparison.Ordinal);

        // Both delivered, the note after two attempts; nothing is sent twice.
        var deliveries = await WaitForDeliveredAsync(admin, 2);
        Assert.Equal(2, deliveries.Single(d => d.GetProperty("kind").GetString() == "gitlab_note").GetProperty("attempts").GetInt32());
        Assert.Equal(1, deliveries.Single(d => d.GetProperty("kind").GetString() == "gitlab_issue").GetProperty("attempts").GetInt32());
        Assert.Empty(gitlab.Untaken(NotePath));
        Assert.Empty(gitlab.Untaken(LogPath));
    }

    [Fact]
    public async Task Without_a_log_project_only_the_note_is_sent_and_overrides_are_named()
    {
        using var server = Server(null);
        var admin = server.CreateAdminClient();

        using var changed = await admin.PostAsJsonAsync(
            "/api/v1/commands",
            new { text = "feature set duo_chat_multi_thread true --production --ignore-feature-flag-consistency-check" },
            Cancel);
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync(Cancel));

        var note = await gitlab.NextAsync(NotePath, Cancel);

        Assert.Contains("- **Overrides:** Feature flag consistency check ignored\n", (string)note.Json["body"]!, StringComparison.Ordinal);
        await WaitForDeliveredAsync(admin, 1);
        Assert.DoesNotContain(gitlab.All, r => r.Path == LogPath);
    }

    // Polls the deliveries API until the GitLab deliveries are all delivered (the worker runs on its own schedule).
    private static async Task<JsonElement[]> WaitForDeliveredAsync(HttpClient admin, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/notifications/deliveries", Cancel);
            var items = page.ValueKind == JsonValueKind.Array ? page : page.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
            var gitlab = items.EnumerateArray().Where(d => d.GetProperty("kind").GetString()!.StartsWith("gitlab_", StringComparison.Ordinal)).ToArray();
            if (gitlab.Length == count && gitlab.All(d => d.GetProperty("status").GetString() == "delivered"))
            {
                return gitlab;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The GitLab deliveries were not all delivered within 60 s: " + string.Join(", ", gitlab.Select(d => d.ToString())));
            await Task.Delay(100, Cancel);
        }
    }
}
