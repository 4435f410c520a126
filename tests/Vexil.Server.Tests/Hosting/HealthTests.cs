using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_with_a_reason_when_the_store_does_not_answer()
    {
        using var factory = new VexilServerFactory();
        using var unreachable = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var registration = services.Last(s => s.ServiceType == typeof(IFlagStore));
            services.RemoveAll<IFlagStore>();
            services.AddSingleton<IFlagStore>(sp => new PingReplacedStore((IFlagStore)registration.ImplementationFactory!(sp), () => Task.FromResult(false)));
        }));

        var response = await unreachable.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The database does not answer.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_503_in_time_when_the_ping_hangs()
    {
        using var factory = new VexilServerFactory();
        using var hanging = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var registration = services.Last(s => s.ServiceType == typeof(IFlagStore));
            services.RemoveAll<IFlagStore>();
            services.AddSingleton<IFlagStore>(sp => GuardedFlagStore.Wrap(new PingReplacedStore((IFlagStore)registration.ImplementationFactory!(sp), () => new TaskCompletionSource<bool>().Task)));
        }));
        using var client = hanging.CreateClient();
        await client.GetAsync("/", TestContext.Current.CancellationToken);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Took {watch.Elapsed}");
    }

    // The real store for start-up and reads, but its ping is the test's: false, as when the database goes away after
    // start, or never answering and ignoring cancellation, as a frozen database server's socket read can.
    private sealed class PingReplacedStore(IFlagStore inner, Func<Task<bool>> ping) : IFlagStore
    {
        public string Provider => inner.Provider;

        public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => ping();

        public Task<EnvironmentState> LoadEnvironmentAsync(string environment, CancellationToken cancellationToken = default) => inner.LoadEnvironmentAsync(environment, cancellationToken);

        public Task<ChangeResult> ApplyAsync(ChangeRequest request, CancellationToken cancellationToken = default) => inner.ApplyAsync(request, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> GetSequencesAsync(CancellationToken cancellationToken = default) =>
            inner.GetSequencesAsync(cancellationToken);

        public Task<IReadOnlyList<AuditEvent>> GetChangesSinceAsync(string environment, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
            inner.GetChangesSinceAsync(environment, afterSequence, limit, cancellationToken);

        public Task<AuditPage> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) => inner.QueryAuditAsync(query, cancellationToken);

        public Task<long> AppendRecordAsync(AuditRecord record, CancellationToken cancellationToken = default) => inner.AppendRecordAsync(record, cancellationToken);
    }
}
