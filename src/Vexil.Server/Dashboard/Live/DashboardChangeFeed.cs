using System.Threading.Channels;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Dashboard.Live;

/// <summary>
/// The dashboard's only subscription to the server's change notices. Everything else in the dashboard reads the
/// notices from here, so moving to another change feed touches this one class.
/// </summary>
public sealed class DashboardChangeFeed(ChangeBroadcaster broadcaster)
{
    /// <summary>Starts following the notices; dispose the result to stop.</summary>
    public Subscription Follow()
    {
        var inner = broadcaster.Subscribe();
        return new Subscription(inner.Reader, inner);
    }

    /// <summary>A live subscription: the notices from the moment it was made, in order.</summary>
    public sealed class Subscription(ChannelReader<ChangeNotice> notices, IDisposable inner) : IDisposable
    {
        /// <summary>The notices.</summary>
        public ChannelReader<ChangeNotice> Notices { get; } = notices;

        /// <inheritdoc />
        public void Dispose() => inner.Dispose();
    }
}
