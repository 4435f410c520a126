using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Server.Definitions;
using Vexil.Server.Tests.ChatOps;
using Xunit;

namespace Vexil.Server.Tests.Definitions;

/// <summary>
/// A bad edit to a definition keeps the flag in every answer (feature get, the native API, chat), with the file's
/// error shown, and answers name files relative to the definitions folder.
/// </summary>
public sealed class InvalidDefinitionAnswersTests : IDisposable
{
    private const string Flag = "edited_flag";
    private const string Rollout = "https://gitlab.com/gitlab-org/gitlab/-/issues/511234";
    private const string Broken = "name: edited_flag\ntype: beta\ngroup: group::duo chat\ndefault_enabled: false\nmilestone: '17.9'\n";
    private const string Problem = "Invalid definition for `beta/edited_flag.yml`: Feature flag 'edited_flag' is missing `introduced_by_url`. Add the URL of the merge request that introduced the flag.";

    private readonly TempFolder folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_bad_edit_keeps_the_flag_and_its_rollout_link_and_every_answer_shows_the_error()
    {
        var path = folder.WriteValid(Flag);
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = folder.Root,
        });
        using var admin = server.Factory.CreateAdminClient();

        File.WriteAllText(path, Broken);
        server.Factory.Services.GetRequiredService<DefinitionRegistry>().Reload();

        // feature get (the CLI's and the API's door)
        using var response = await admin.PostAsJsonAsync("/api/v1/commands", new { text = $"feature get {Flag} --staging" }, Cancel);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.True((bool)answer["ok"]!, answer.ToJsonString());
        var fields = answer["environments"]![0]!["flag"]!["fields"]!.AsArray()
            .Select(field => ((string?)field!["title"], (string?)field["value"])).ToList();
        Assert.Contains(("Rollout issue", Rollout), fields);
        Assert.Contains(("Definition error", $"The definition file is invalid, so the last good definition is in use until it is fixed: {Problem}"), fields);
        Assert.Contains("Definition error", (string?)answer["text"], StringComparison.Ordinal);

        // the native API
        var row = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/flags/{Flag}", Cancel))!;
        Assert.Equal(Problem, (string?)row["definitionErrors"]![0]);
        Assert.True((bool)row["definition"]!["lastGood"]!);
        Assert.Equal("beta/edited_flag.yml", (string?)row["definition"]!["path"]);
        Assert.Equal(Rollout, (string?)row["definition"]!["rolloutIssueUrl"]);

        var definitions = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/definitions", Cancel))!;
        Assert.Equal("beta/edited_flag.yml", (string?)definitions["errors"]![0]!["path"]);
        Assert.Null(definitions["errors"]![0]!["fullPath"]);
        Assert.DoesNotContain(folder.Root, definitions.ToJsonString(), StringComparison.Ordinal);

        // chat
        var (status, chat) = await server.SlackAsync($"run feature get {Flag} --staging", "g_duo_chat", "ck3g", server.NewResponsePath());
        Assert.Equal(200, status);
        Assert.Contains(
            ("Definition error", $"The definition file is invalid, so the last good definition is in use until it is fixed: {Problem}"),
            chat["attachments"]![0]!["fields"]!.AsArray().Select(f => ((string?)f!["title"], (string?)f["value"])));
    }

    [Fact]
    public async Task A_flag_whose_only_file_is_invalid_says_why_it_does_not_exist()
    {
        folder.Write($"beta/{Flag}.yml", Broken);
        await using var server = await ChatTestServer.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Vexil:Definitions:Paths:0"] = folder.Root,
        });
        using var admin = server.Factory.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/v1/commands", new { text = $"feature get {Flag} --staging" }, Cancel);
        var answer = (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal(
            $"The feature \"{Flag}\" does not exist on staging. The definition file is invalid: {Problem}",
            (string?)answer["text"]);

        using var notFound = await admin.GetAsync($"/api/v1/flags/{Flag}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains(Problem, await notFound.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
