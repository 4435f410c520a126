using Microsoft.Extensions.Options;
using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Xunit;

namespace Vexil.Server.Tests.Auth;

public sealed class TokenHasherTests
{
    [Fact]
    public void The_hash_is_the_lowercase_hex_sha256_of_the_utf8_secret()
    {
        // sha256("abc"), the FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHasher.Hash("abc"));
    }

    [Theory]
    [InlineData("vxl_test_admin_token")]
    [InlineData("")]
    [InlineData("ünïcødé 😀")]
    public void Hashing_into_a_span_gives_the_same_hash(string secret)
    {
        Span<char> hash = stackalloc char[TokenHasher.HashLength];

        TokenHasher.Hash(secret, hash);

        Assert.Equal(TokenHasher.Hash(secret), hash.ToString());
    }

    [Fact]
    public void A_long_secret_is_hashed_the_same_way_into_a_span()
    {
        var secret = new string('x', 10_000);
        Span<char> hash = stackalloc char[TokenHasher.HashLength];

        TokenHasher.Hash(secret, hash);

        Assert.Equal(TokenHasher.Hash(secret), hash.ToString());
    }

    [Fact]
    public async Task The_reused_per_thread_context_gives_each_secret_its_own_hash_on_every_thread()
    {
        // The span overload reuses one SHA-256 context per thread: a context not reset between secrets would mix them.
        var secrets = Enumerable.Range(0, 50).Select(i => $"vxl_secret_{i}_{new string('s', i * 13)}").ToArray();
        var expected = secrets.Select(secret => TokenHasher.Hash(secret)).ToArray();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            Span<char> hash = stackalloc char[TokenHasher.HashLength];
            for (var round = 0; round < 200; round++)
            {
                var i = (round * 7 + worker) % secrets.Length;
                TokenHasher.Hash(secrets[i], hash);
                Assert.Equal(expected[i], hash.ToString());
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(workers);

        Span<char> abc = stackalloc char[TokenHasher.HashLength];
        TokenHasher.Hash("abc", abc);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", abc.ToString());
    }

    [Fact]
    public void New_secrets_carry_the_prefix_and_differ()
    {
        var first = TokenHasher.NewSecret();
        var second = TokenHasher.NewSecret();

        Assert.StartsWith(TokenHasher.Prefix, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(TokenHasher.Prefix.Length + 43, first.Length);
    }

    [Fact]
    public void The_bootstrap_token_is_recognised_by_its_hash_and_nothing_else()
    {
        var bootstrap = new BootstrapTokenAuthenticator(Options.Create(new AuthOptions { BootstrapAdminToken = " secret-admin " }));

        var principal = bootstrap.AuthenticateHash(TokenHasher.Hash("secret-admin"));

        Assert.True(bootstrap.IsConfigured);
        Assert.NotNull(principal);
        Assert.Equal((0L, BootstrapTokenAuthenticator.PrincipalName, TokenKind.Admin), (principal.Id, principal.Name, principal.Kind));
        Assert.Empty(principal.Environments);
        Assert.Null(bootstrap.AuthenticateHash(TokenHasher.Hash("secret-admin2")));
        Assert.Null(bootstrap.AuthenticateHash("short"));
    }

    [Fact]
    public void Without_a_configured_bootstrap_token_nothing_is_the_bootstrap_token()
    {
        var bootstrap = new BootstrapTokenAuthenticator(Options.Create(new AuthOptions()));

        Assert.False(bootstrap.IsConfigured);
        Assert.Null(bootstrap.AuthenticateHash(TokenHasher.Hash(string.Empty)));
    }
}
