using Vexil.Core.State;
using Vexil.Server.Changes;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Changes;

// ChangeTitles is the one builder of audit titles: the doors' titles and the fallback announcements use for an event
// written without one (set-up, imports) come from the same place.
public sealed class ChangeTitlesTests
{
    [Fact]
    public void The_title_a_writer_recorded_is_kept() =>
        Assert.Equal("Feature flag 'x' has been set to 'true' on staging", ChangeTitles.Of(Event("enable", "Feature flag 'x' has been set to 'true' on staging")));

    [Fact]
    public void An_untitled_delete_reads_like_a_door_s_delete() =>
        Assert.Equal(ChangeTitles.Deleted("x", "staging"), ChangeTitles.Of(Event("delete", null)));

    [Fact]
    public void An_untitled_set_names_its_action() =>
        Assert.Equal("Feature flag 'x' has been changed (enable_actor) on staging", ChangeTitles.Of(Event("enable_actor", " ")));

    private static AuditEvent Event(string action, string? title) => new(
        1, 1, DateTimeOffset.UnixEpoch, "staging", "x", action, null, FlagState.Empty, "t", ChangeChannels.Api, null, null, null, title,
        new Dictionary<string, string>());
}
