using System.Text.Json.Nodes;
using Vexil.Core.Gates;
using Vexil.Core.State;
using Vexil.Server.ChatOps.Mattermost;
using Vexil.Server.ChatOps.Slack;
using Vexil.Server.Commands;
using Vexil.Server.Commands.Results;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

/// <summary>The messages chat shows: GitLab's ChatOps layout in Slack blocks and attachments, Markdown in Mattermost.</summary>
public sealed class ChatRepliesTests
{
    private const string Flag = "duo_chat_multi_thread";

    private static readonly CommandResult Fifty = CommandResult.Success(
        CommandMessages.Updated,
        new[] { "staging", "production" }.Select(environment => new EnvironmentResult(environment, EnvironmentStatus.Changed)
        {
            Flag = FlagSummaries.Of(Flag, FlagState.Empty with { PercentageOfActors = Percentage.Parse("50") }),
        }).ToArray());

    [Fact]
    public void A_set_is_gitlabs_updated_message_with_one_attachment_per_environment_in_the_channel()
    {
        var message = new SlackReplies().Result(Fifty, delayed: false);

        Assert.Equal("in_channel", (string?)message["response_type"]);
        Assert.Equal("The feature flag value has been updated!", (string?)message["text"]);
        Assert.Equal("The feature flag value has been updated!", (string?)message["blocks"]![0]!["text"]!["text"]);
        var attachments = message["attachments"]!.AsArray();
        Assert.Equal(["Host: staging", "Host: production"], attachments.Select(a => (string?)a!["footer"]));
        Assert.Equal(
            [("Name", Flag), ("State", "Enabled"), ("Enabled Globally", "false"), ("percentage_of_actors", "50")],
            Fields(attachments[0]!));
        Assert.Equal([true, true, true, false], attachments[0]!["fields"]!.AsArray().Select(field => (bool)field!["short"]!));
        Assert.Null(message["replace_original"]);
    }

    [Fact]
    public void A_later_answer_does_not_replace_the_acknowledgement()
    {
        Assert.False((bool)new SlackReplies().Result(Fifty, delayed: true)["replace_original"]!);
    }

    [Fact]
    public void Scoped_to_lists_the_actors_and_a_disabled_flag_says_so()
    {
        var result = CommandResult.Success(CommandMessages.Updated,
        [
            new EnvironmentResult("production", EnvironmentStatus.Changed) { Flag = FlagSummaries.Of(Flag, FlagState.Create(false, ["User:lulalala", "Group:gitlab-org"])) },
            new EnvironmentResult("staging", EnvironmentStatus.Changed) { Flag = FlagSummaries.Of(Flag, FlagState.Empty) },
        ]);

        var attachments = new SlackReplies().Result(result, delayed: false)["attachments"]!.AsArray();

        Assert.Contains(("Scoped to", "Group:gitlab-org, User:lulalala"), Fields(attachments[0]!));
        Assert.Contains(("State", "Disabled"), Fields(attachments[1]!));
        Assert.NotEqual((string?)attachments[0]!["color"], (string?)attachments[1]!["color"]);
    }

    [Fact]
    public void A_refusal_is_shown_only_to_the_person_in_gitlabs_words()
    {
        var refusal = CommandMessages.ProductionChannelOnly("production");
        var result = CommandResult.Refused(refusal,
        [
            new EnvironmentResult("staging", EnvironmentStatus.Skipped) { Message = "staging: not changed, because the change was refused on production." },
            new EnvironmentResult("production", EnvironmentStatus.Refused) { Message = refusal },
        ]);

        var message = new SlackReplies().Result(result, delayed: false);

        Assert.Equal("ephemeral", (string?)message["response_type"]);
        Assert.Equal(refusal, (string?)message["blocks"]![0]!["text"]!["text"]);
        Assert.Equal("*staging*: not changed\n*production*: refused", (string?)message["blocks"]![1]!["text"]!["text"]);
        Assert.Null(message["attachments"]);
    }

    [Fact]
    public void A_list_is_two_attachments_with_gitlabs_footers()
    {
        var result = CommandResult.Success(null,
        [
            new EnvironmentResult("staging", EnvironmentStatus.Shown)
            {
                Listing = new FlagListing("staging", [new FlagListEntry(Flag, "Percentage of actors: 50%"), new FlagListEntry("code_suggestions_context", null)], []),
            },
        ]);

        var message = new SlackReplies().Result(result, delayed: false);

        Assert.Equal("ephemeral", (string?)message["response_type"]);
        var attachments = message["attachments"]!.AsArray();
        Assert.Equal(["Enabled Features", "Disabled Features"], attachments.Select(a => (string?)a!["title"]));
        Assert.Equal($"{Flag} (Percentage of actors: 50%)\ncode_suggestions_context", (string?)attachments[0]!["text"]);
        Assert.Equal(["2 enabled features on staging", "0 disabled features on staging"], attachments.Select(a => (string?)a!["footer"]));
    }

    [Fact]
    public void A_long_list_is_cut_with_a_count_of_what_is_left()
    {
        var entries = Enumerable.Range(0, 500).Select(i => new FlagListEntry($"flag_number_{i:000}", null)).ToArray();
        var result = CommandResult.Success(null, [new EnvironmentResult("staging", EnvironmentStatus.Shown) { Listing = new FlagListing("staging", entries, []) }]);

        var text = (string)new SlackReplies().Result(result, delayed: false)["attachments"]![0]!["text"]!;

        Assert.True(text.Length <= SlackReplies.MaxAttachmentText, $"{text.Length} characters");
        Assert.Matches(@"… and \d+ more$", text);
    }

    [Fact]
    public void A_delete_says_so_per_environment()
    {
        var result = CommandResult.Success(null,
        [
            new EnvironmentResult("staging", EnvironmentStatus.Changed) { Message = CommandMessages.Removed(Flag, "staging") },
            new EnvironmentResult("production", EnvironmentStatus.Unchanged) { Message = CommandMessages.Removed(Flag, "production") },
        ]);

        var message = new SlackReplies().Result(result, delayed: false);

        Assert.Equal("in_channel", (string?)message["response_type"]);
        Assert.Equal(
            [$"Feature flag {Flag} has been removed from staging!", $"Feature flag {Flag} has been removed from production!"],
            message["blocks"]!.AsArray().Select(block => (string?)block!["text"]!["text"]));
    }

    [Fact]
    public void Text_is_escaped_for_slack_and_notes_are_a_context_line()
    {
        var result = CommandResult.Success("a <b> & c", [], ["check `x` & <y>"]);

        var message = new SlackReplies().Result(result, delayed: false);

        Assert.Equal("a &lt;b&gt; &amp; c", (string?)message["blocks"]![0]!["text"]!["text"]);
        Assert.Equal("context", (string?)message["blocks"]![1]!["type"]);
        Assert.Equal("Note: check `x` &amp; &lt;y&gt;", (string?)message["blocks"]![1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Notices_are_in_the_channel_or_only_for_the_person()
    {
        var replies = new SlackReplies();

        Assert.Equal("in_channel", (string?)replies.Notice("Production check initiated, this may take up to 300 seconds ...", inChannel: true, delayed: false)["response_type"]);
        Assert.Equal("ephemeral", (string?)replies.Notice("nope", inChannel: false, delayed: false)["response_type"]);
    }

    [Fact]
    public void Mattermost_gets_the_markdown_answer()
    {
        var replies = new MattermostReplies();

        var message = replies.Result(Fifty, delayed: true);

        Assert.Equal(["response_type", "text"], message.Select(pair => pair.Key));
        Assert.Equal("in_channel", (string?)message["response_type"]);
        Assert.Equal(Fifty.ToMarkdown(), (string?)message["text"]);
        Assert.StartsWith("The feature flag value has been updated!\n\n**staging**\n- Name: `duo_chat_multi_thread`", (string?)message["text"], StringComparison.Ordinal);
        Assert.Equal("ephemeral", (string?)replies.Result(CommandResult.Usage("nope"), delayed: false)["response_type"]);
    }

    private static (string?, string?)[] Fields(JsonNode attachment) =>
        attachment["fields"]!.AsArray().Select(field => ((string?)field!["title"], (string?)field["value"])).ToArray();
}
