using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

public sealed class GitLabFeatureListCacheTests
{
    [Fact]
    public async Task The_list_answer_is_reused_until_a_change_replaces_the_snapshot()
    {
        using var factory = new VexilServerFactory();
        var client = factory.CreateAdminClient();
        var changes = factory.Services.GetRequiredService<FlagChangeService>();
        var cancel = TestContext.Current.CancellationToken;

        await changes.ApplyAsync(ChangeRequest.Update("production", "duo_chat_multi_thread", new ChangeOrigin("t", ChangeChannels.Api), GateOperation.EnableActor("User:1")), cancel);
        var first = await client.GetStringAsync("/api/v4/features?environment=production", cancel);
        var again = await client.GetStringAsync("/api/v4/features?environment=production", cancel);
        Assert.Equal(first, again);

        await changes.ApplyAsync(ChangeRequest.Update("production", "duo_chat_multi_thread", new ChangeOrigin("t", ChangeChannels.Api), GateOperation.EnableBoolean()), cancel);
        var after = JsonDocument.Parse(await client.GetStringAsync("/api/v4/features?environment=production", cancel)).RootElement;

        var feature = Assert.Single(after.EnumerateArray());
        Assert.Equal("on", feature.GetProperty("state").GetString());
        Assert.Contains("User:1", first, StringComparison.Ordinal);
    }
}
