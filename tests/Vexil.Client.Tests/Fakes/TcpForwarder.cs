using System.Net;
using System.Net.Sockets;

namespace Vexil.Client.Tests.Fakes;

/// <summary>
/// A fixed local address in front of a real server that comes and goes: the client keeps one ServerUrl while tests stop,
/// restart and replace the server behind it. With no target, connections are accepted and closed at once (server away).
/// </summary>
internal sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile Uri? target;

    public TcpForwarder()
    {
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public int Connections;

    /// <summary>Where connections go; null refuses them (closes each at once).</summary>
    public Uri? Target
    {
        get => target;
        set => target = value;
    }

    /// <summary>Cuts every forwarded connection, as a server crash would.</summary>
    public void CutAll()
    {
        lock (gate)
        {
            foreach (var client in open)
            {
                client.Dispose();
            }

            open.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        CutAll();
        try
        {
            await accepting;
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (SocketException)
            {
                continue; // a connection that died while being accepted; keep listening
            }

            Interlocked.Increment(ref Connections);
            if (target is not { } to)
            {
                try
                {
                    incoming.Client.LingerState = new LingerOption(true, 0); // closing sends a reset: nothing listens there
                }
                catch (SocketException)
                {
                    // The client already left.
                }

                incoming.Dispose();
                continue;
            }

            _ = ForwardAsync(incoming, to);
        }
    }

    private async Task ForwardAsync(TcpClient incoming, Uri to)
    {
        var outgoing = new TcpClient();
        lock (gate)
        {
            open.Add(incoming);
            open.Add(outgoing);
        }

        try
        {
            await outgoing.ConnectAsync(to.Host, to.Port, stop.Token);
            var a = incoming.GetStream();
            var b = outgoing.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop.Token), b.CopyToAsync(a, stop.Token));
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away; close both.
        }
        finally
        {
            incoming.Dispose();
            outgoing.Dispose();
            lock (gate)
            {
                open.Remove(incoming);
                open.Remove(outgoing);
            }
        }
    }
}
