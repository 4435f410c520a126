using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vexil.Server.ChatOps.Replays;
using Vexil.Server.Hosting;
using Vexil.Server.Incidents;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Storage.Postgres;
using Vexil.Server.Storage.Sqlite;
using Xunit;

namespace Vexil.Server.Tests.Storage;

public sealed class DatabaseServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Without_configuration_the_store_is_sqlite_on_the_default_file()
    {
        await using var services = Build([]);

        var guarded = Assert.IsAssignableFrom<GuardedFlagStore>(services.GetRequiredService<IFlagStore>());
        var store = Assert.IsType<SqliteFlagStore>(guarded.Inner);

        Assert.Equal("data/vexil.db", store.DatabasePath);
        Assert.Same(guarded, services.GetRequiredService<IFlagStore>());
        Assert.Equal(StorageOptions.DefaultConnectionString, services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
    }

    [Fact]
    public async Task The_postgres_provider_gives_the_postgres_store()
    {
        await using var services = Build(new()
        {
            ["Vexil:Database:Provider"] = "Postgres",
            ["ConnectionStrings:Vexil"] = "Host=127.0.0.1;Database=vexil",
        });

        var store = services.GetRequiredService<IFlagStore>();

        Assert.IsType<PostgresFlagStore>(Assert.IsAssignableFrom<GuardedFlagStore>(store).Inner);
        Assert.IsAssignableFrom<IChangeSignal>(store);
        Assert.Equal("postgres", store.Provider);
    }

    [Theory]
    [InlineData("sqlite", typeof(SqliteDatabase))]
    [InlineData("postgres", typeof(PostgresDatabase))]
    public async Task One_registration_gives_one_handle_and_every_store_on_the_chosen_provider(string provider, Type handle)
    {
        await using var services = Build(new()
        {
            ["Vexil:Database:Provider"] = provider,
            ["ConnectionStrings:Vexil"] = provider == "postgres" ? "Host=127.0.0.1;Database=vexil" : "Data Source=data/vexil.db",
        });

        // One handle, made once: every store's connections come from it (SQLite: one write gate; PostgreSQL: one pool).
        Assert.Same(services.GetRequiredService(handle), services.GetRequiredService(handle));
        Assert.Equal(provider, services.GetRequiredService<IFlagStore>().Provider);
        Assert.Equal(provider, services.GetRequiredService<ITokenStore>().Provider);
        Assert.Equal(provider, services.GetRequiredService<ISeenRequestStore>().Provider);
        Assert.NotNull(services.GetRequiredService<IIncidentStore>());
        Assert.NotNull(services.GetRequiredService<INotificationDeliveryStore>());
        Assert.Null(services.GetService(handle == typeof(SqliteDatabase) ? typeof(PostgresDatabase) : typeof(SqliteDatabase)));
    }

    [Fact]
    public async Task The_store_is_initialized_by_a_hosted_service_that_creates_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("vexil-di-").FullName;
        try
        {
            var path = Path.Combine(folder, "data", "vexil.db");
            await using var services = Build(new() { ["ConnectionStrings:Vexil"] = $"Data Source={path}" });

            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(TestContext.Current.CancellationToken);
            }

            Assert.True(File.Exists(path));
            Assert.True(await services.GetRequiredService<IFlagStore>().PingAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Migrations_at_start_up_can_be_turned_off()
    {
        using var services = Build(new() { ["Vexil:Database:MigrateOnStartup"] = "false" });

        Assert.Empty(services.GetServices<IHostedService>());
    }

    [Fact]
    public void An_unknown_provider_stops_the_registration_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Vexil:Database:Provider"] = "mysql" }));

        Assert.Equal("Vexil:Database:Provider is 'mysql', which Vexil does not know; set it to 'sqlite' or 'postgres'.", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_stops_the_registration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["Vexil:Database:Provider"] = "postgres" }));

        Assert.Contains("ConnectionStrings:Vexil is not set", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVexilDatabase(configuration);
        return services.BuildServiceProvider();
    }
}
