using Vexil.Server.ChatOps;
using Vexil.Server.ChatOps.Slack;
using Xunit;

namespace Vexil.Server.Tests.ChatOps;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("feature list --match=a&amp;b", "feature list --match=a&b")]
    [InlineData("feature set x true --project=&lt;path&gt;", "feature set x true --project=<path>")]
    [InlineData("&amp;lt; stays as typed", "&lt; stays as typed")]
    [InlineData("see <https://gitlab.com/gitlab-org/gitlab/-/issues/1|the issue>", "see the issue")]
    [InlineData("see <https://gitlab.com>", "see https://gitlab.com")]
    [InlineData("ask <@U024BE7LH|ck3g> in <#C024BE7LR|production>", "ask @ck3g in #production")]
    [InlineData("ask <@U024BE7LH>", "ask @U024BE7LH")]
    [InlineData("an unclosed < stays", "an unclosed < stays")]
    [InlineData("", "")]
    public void Decodes_what_slack_escaped(string sent, string typed)
    {
        Assert.Equal(typed, SlackText.Decode(sent));
    }

    [Theory]
    [InlineData("run feature set x true", "feature set x true")]
    [InlineData("  RUN   feature get x ", "feature get x")]
    [InlineData("feature get x", "feature get x")]
    [InlineData("running feature get x", "running feature get x")]
    [InlineData("run", "run")]
    public void Drops_the_leading_run_of_chatops_commands(string text, string command)
    {
        Assert.Equal(command, SlashCommand.CommandText(text));
    }
}
