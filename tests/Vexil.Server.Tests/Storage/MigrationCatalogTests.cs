using Vexil.Server.Storage.Migrations;
using Xunit;

namespace Vexil.Server.Tests.Storage;

public sealed class MigrationCatalogTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Each_provider_has_embedded_migrations_numbered_from_one(string provider)
    {
        var migrations = MigrationCatalog.For(provider);

        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(migration => migration.Version));
        Assert.Equal("initial", migrations[0].Name);
        // Every script changes the schema: it creates or alters something (schema 7 on PostgreSQL only alters a CHECK).
        Assert.All(migrations, migration => Assert.Matches(@"\b(CREATE|ALTER)\b", migration.Sql));
    }

    [Fact]
    public void Both_providers_know_the_same_schema_versions()
    {
        var sqlite = MigrationCatalog.For("sqlite").Select(migration => (migration.Version, migration.Name));
        var postgres = MigrationCatalog.For("postgres").Select(migration => (migration.Version, migration.Name));

        Assert.Equal(sqlite, postgres);
    }

    [Fact]
    public void An_unknown_provider_has_no_migrations()
    {
        Assert.Empty(MigrationCatalog.For("oracle"));
    }
}
