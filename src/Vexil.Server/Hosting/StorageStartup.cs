using Microsoft.Extensions.Options;
using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Hosting;

/// <summary>
/// Prepares the database before the host starts, so that a database Vexil cannot use (a wrong password, an unreachable
/// host, an unknown database, someone else's schema) stops the process with one line on stderr that names the problem
/// and what to check, and a non-zero exit code: not the host's stack trace, which says the same thing in 60 lines.
/// </summary>
public static class StorageStartup
{
    /// <summary>Exit code for a database that cannot be used.</summary>
    public const int ExitCode = 3;

    /// <summary>
    /// Applies migrations (or, with <c>Vexil:Database:MigrateOnStartup</c> off, reads from the database once). Returns
    /// false after writing the line to <paramref name="error"/> when the database cannot be used; any other failure is
    /// thrown as it is.
    /// </summary>
    public static async Task<bool> TryPrepareAsync(IServiceProvider services, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var store = services.GetRequiredService<IFlagStore>();
        try
        {
            if (options.MigrateOnStartup)
            {
                await store.InitializeAsync(cancellationToken);
                services.GetRequiredService<StoreReadiness>().Initialized = true;
            }
            else
            {
                await store.QueryAuditAsync(new AuditQuery(PageSize: 1), cancellationToken);
            }

            return true;
        }
        catch (Exception exception) when (StoreStartupMessage.Describe(exception, options) is { } line)
        {
            await error.WriteLineAsync("Vexil cannot start: " + line);
            return false;
        }
    }
}
