using System.Text.Json;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.Api.Native;
using Vexil.Server.Changes;
using Vexil.Server.ChatOps.Slack;
using Vexil.Server.Commands.Results;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Changes;

// The twins merged in issue 12 stay merged: one gate-values shape, one gate-key vocabulary, one status word.
public sealed class GateValuesTests
{
    private static readonly FlagState State = FlagState.Create(false, ["User:1"], ["beta"], Percentage.Parse("25"), Percentage.Parse("0.5"));

    [Fact]
    public void The_native_api_and_the_webhook_payload_show_the_same_gate_values()
    {
        var change = new AuditEvent(
            1, 1, DateTimeOffset.UnixEpoch, "staging", "x", "set", null, State, "t", ChangeChannels.Api, null, null, null, null,
            new Dictionary<string, string>());

        var native = AuditEventView.Of(change).After;
        var webhook = ChangeEventPayload.Of(change, isProtected: false).After;

        Assert.Equal("""{"Boolean":false,"Actors":["User:1"],"Groups":["beta"],"PercentageOfActors":25,"PercentageOfTime":0.5}""", JsonSerializer.Serialize(native));
        Assert.Equal(JsonSerializer.Serialize(native), JsonSerializer.Serialize(webhook));
        Assert.Null(GateValues.Of(null));
    }

    [Fact]
    public void The_stored_state_uses_the_gate_keys()
    {
        using var stored = JsonDocument.Parse(FlagStateJson.Serialize(State));

        Assert.Equal(
            [GateKeys.Boolean, GateKeys.Actors, GateKeys.Groups, GateKeys.PercentageOfActors, GateKeys.PercentageOfTime],
            stored.RootElement.EnumerateObject().Select(property => property.Name));
    }

    [Theory]
    [InlineData(EnvironmentStatus.Refused)]
    [InlineData(EnvironmentStatus.Skipped)]
    public void Slack_and_plain_text_say_the_same_status_word(EnvironmentStatus other)
    {
        var result = CommandResult.Refused(
            "No.",
            [new EnvironmentResult("staging", EnvironmentStatus.Refused), new EnvironmentResult("production", other)]);

        var slack = new SlackReplies().Result(result, delayed: false).ToJsonString();

        Assert.Contains($"*production*: {CommandResultRenderer.StatusWord(other)}", slack, StringComparison.Ordinal);
        Assert.Contains($"production: {CommandResultRenderer.StatusWord(other)}", result.ToPlainText(), StringComparison.Ordinal);
    }
}
