using Vexil.Server.Api.Ofrep;
using Vexil.Server.Tests.Storage;
using Xunit;

namespace Vexil.Server.Tests.Api.Ofrep;

public sealed class OfrepEventTicketsTests
{
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ticket_is_valid_for_its_environment_only()
    {
        var tickets = new OfrepEventTickets("key", clock);
        var ticket = tickets.Issue("staging", tickets.CurrentEpoch);

        Assert.True(tickets.IsValid("staging", ticket));
        Assert.False(tickets.IsValid("production", ticket));
    }

    [Fact]
    public void Same_epoch_gives_the_same_ticket_so_the_url_is_stable()
    {
        var tickets = new OfrepEventTickets("key", clock);
        var first = tickets.Issue("staging", tickets.CurrentEpoch);
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(first, tickets.Issue("staging", tickets.CurrentEpoch));
    }

    [Fact]
    public void Ticket_lives_at_least_one_epoch_and_at_most_two()
    {
        var tickets = new OfrepEventTickets("key", clock);
        var ticket = tickets.Issue("staging", tickets.CurrentEpoch);

        clock.Advance(TimeSpan.FromHours(12));
        Assert.True(tickets.IsValid("staging", ticket));
        clock.Advance(TimeSpan.FromHours(12));
        Assert.False(tickets.IsValid("staging", ticket));
    }

    [Fact]
    public void Replicas_sharing_a_key_accept_each_others_tickets()
    {
        var one = new OfrepEventTickets("shared", clock);
        var other = new OfrepEventTickets("shared", clock);
        var stranger = new OfrepEventTickets("another", clock);
        var ticket = one.Issue("production", one.CurrentEpoch);

        Assert.True(other.IsValid("production", ticket));
        Assert.Equal(one.KeyTag, other.KeyTag);
        Assert.False(stranger.IsValid("production", ticket));
        Assert.NotEqual(one.KeyTag, stranger.KeyTag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData(".abc")]
    [InlineData("-5.abc")]
    [InlineData("99999999999.abc")]
    public void Malformed_tickets_are_refused(string? ticket)
    {
        Assert.False(new OfrepEventTickets("key", clock).IsValid("production", ticket));
    }

    [Fact]
    public void Without_a_configured_key_each_process_draws_its_own()
    {
        var one = new OfrepEventTickets(null, clock);
        var other = new OfrepEventTickets(null, clock);

        Assert.False(other.IsValid("production", one.Issue("production", one.CurrentEpoch)));
    }
}
