using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Auth;

public sealed class TokenPrincipalTests
{
    private static readonly VexilEnvironment Staging = new("staging", ["gstg"], false, 2);
    private static readonly VexilEnvironment Production = new("production", ["gprd"], true, 5);

    private static TokenPrincipal Token(TokenKind kind, params string[] environments) => new(7, "ci", kind, environments);

    [Fact]
    public void An_admin_token_reads_and_writes_everywhere_including_protected_environments()
    {
        var admin = Token(TokenKind.Admin);

        Assert.True(admin.IsAdmin);
        Assert.All([Staging, Production], environment =>
        {
            Assert.True(admin.CanRead(environment));
            Assert.True(admin.CanWrite(environment));
        });
    }

    [Fact]
    public void A_metrics_token_scrapes_metrics_and_neither_reads_nor_writes_any_environment()
    {
        var metrics = Token(TokenKind.Metrics);

        Assert.True(metrics.CanScrapeMetrics);
        Assert.False(metrics.IsAdmin);
        Assert.All([Staging, Production], environment =>
        {
            Assert.False(metrics.CanRead(environment));
            Assert.False(metrics.CanWrite(environment));
        });
    }

    [Theory]
    [InlineData(TokenKind.Admin, true)]
    [InlineData(TokenKind.Metrics, true)]
    [InlineData(TokenKind.Write, false)]
    [InlineData(TokenKind.Read, false)]
    public void Only_metrics_and_admin_tokens_scrape_metrics(TokenKind kind, bool scrapes) =>
        Assert.Equal(scrapes, Token(kind).CanScrapeMetrics);

    [Fact]
    public void An_unscoped_write_token_writes_everywhere_except_a_protected_environment()
    {
        var write = Token(TokenKind.Write);

        Assert.True(write.CanWrite(Staging));
        Assert.False(write.CanWrite(Production));
        Assert.True(write.CanRead(Production));
        Assert.False(write.IsAdmin);
    }

    [Fact]
    public void A_write_token_scoped_to_production_writes_there_and_only_there()
    {
        var write = Token(TokenKind.Write, "production");

        Assert.True(write.CanWrite(Production));
        Assert.True(write.CanRead(Production));
        Assert.False(write.CanWrite(Staging));
        Assert.False(write.CanRead(Staging));
    }

    [Fact]
    public void A_write_token_scoped_to_several_environments_writes_in_each_of_them()
    {
        var write = Token(TokenKind.Write, "staging", "production");

        Assert.True(write.CanWrite(Staging));
        Assert.True(write.CanWrite(Production));
        Assert.Null(write.SingleEnvironment);
    }

    [Fact]
    public void A_read_token_never_writes_and_reads_only_its_environments()
    {
        var unscoped = Token(TokenKind.Read);
        var scoped = Token(TokenKind.Read, "staging");

        Assert.True(unscoped.CanRead(Staging));
        Assert.True(unscoped.CanRead(Production));
        Assert.False(unscoped.CanWrite(Staging));
        Assert.True(scoped.CanRead(Staging));
        Assert.False(scoped.CanRead(Production));
        Assert.False(scoped.CanWrite(Staging));
    }

    [Fact]
    public void Scopes_match_canonical_names_exactly_not_aliases()
    {
        // Tokens store canonical names (the API resolves aliases when it makes them), so an alias in a scope matches nothing.
        var write = Token(TokenKind.Write, "gstg");

        Assert.False(write.CanWrite(Staging));
        Assert.False(write.CanRead(Staging));
    }

    [Fact]
    public void A_token_scoped_to_one_environment_names_it_as_its_single_environment()
    {
        Assert.Equal("staging", Token(TokenKind.Read, "staging").SingleEnvironment);
        Assert.Null(Token(TokenKind.Read).SingleEnvironment);
    }
}
