using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfSuite.LoadGen.Tests.Support;

/// <summary>An on-path observer between one runner and an agent on loopback: it forwards each line, records everything
/// that crosses, and may change, drop or add lines from the runner (<c>tamper(index, line)</c> returns the lines to
/// forward in its place).</summary>
internal sealed class LineRelay : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly IPEndPoint _target;
    private readonly Func<int, string, IEnumerable<string>> _tamper;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _recording = new();
    private readonly Lock _gate = new();
    private readonly Task _serving;

    public LineRelay(IPEndPoint target, Func<int, string, IEnumerable<string>>? tamper = null)
    {
        _target = target;
        _tamper = tamper ?? ((_, line) => [line]);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1);
        _serving = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Everything that crossed, both ways, as sent.</summary>
    public byte[] Recording
    {
        get
        {
            lock (_gate)
                return _recording.ToArray();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _serving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or TimeoutException)
        {
            // The relay's connections end with the test.
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        using var runner = await _listener.AcceptAsync(_stop.Token);
        using var agent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await agent.ConnectAsync(_target, _stop.Token);
        await using var toAgent = new NetworkStream(agent);
        await using var toRunner = new NetworkStream(runner);
        var up = PumpAsync(toRunner, toAgent, _tamper);
        var down = PumpAsync(toAgent, toRunner, (_, line) => [line]);
        await Task.WhenAny(up, down);
        // One side closed: close both, as a relay does.
        runner.Shutdown(SocketShutdown.Both);
        agent.Shutdown(SocketShutdown.Both);
    }

    private async Task PumpAsync(Stream from, Stream to, Func<int, string, IEnumerable<string>> tamper)
    {
        using var reader = new StreamReader(from, Encoding.UTF8);
        try
        {
            for (var index = 0; ; index++)
            {
                var line = await reader.ReadLineAsync(_stop.Token);
                if (line is null)
                    return;
                foreach (var forwarded in tamper(index, line))
                {
                    var bytes = Encoding.UTF8.GetBytes(forwarded + "\n");
                    lock (_gate)
                        _recording.Write(bytes);
                    await to.WriteAsync(bytes, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended.
        }
    }
}
