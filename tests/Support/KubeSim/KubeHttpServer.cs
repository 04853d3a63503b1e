using System.Net;
using System.Net.Sockets;
using System.Text;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The simulated API server's HTTP/1.1 listener: plain HTTP on 127.0.0.1 (as <c>kubectl proxy</c> serves the API),
/// one port, answering in the test process's own namespace and in each namespace named at start, so the same
/// kubeconfig works from the test and from a runner started inside the fleet's runner namespace. Each listening
/// socket is created by a thread inside its namespace (<see cref="NetworkNamespace.Run{T}"/>), which is what binds a
/// socket to a namespace; accepting and serving happen on the thread pool. Keep-alive connections (HttpClient reuses
/// them), Content-Length and chunked request bodies, Content-Length responses, and chunked streaming responses for
/// watches (RFC 9112 §7.1). No TLS, no HTTP/2: the KubernetesClient speaks HTTP/1.1 to an http:// server.
/// </summary>
public sealed class KubeHttpServer : IAsyncDisposable
{
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<KubeHttpRequest, KubeHttpResponse, CancellationToken, Task> _handler;
    private readonly HashSet<Socket> _connections = [];

    public KubeHttpServer(Func<KubeHttpRequest, KubeHttpResponse, CancellationToken, Task> handler, IEnumerable<string> namespaces)
    {
        _handler = handler;
        var first = Listen(null, 0);
        Port = ((IPEndPoint)first.LocalEndPoint!).Port;
        _listeners.Add(first);
        foreach (var netns in namespaces)
            _listeners.Add(NetworkNamespace.Run(netns, () => Listen(netns, Port)));
        foreach (var listener in _listeners)
            _loops.Add(Task.Run(() => AcceptLoopAsync(listener)));
    }

    public int Port { get; }

    private static Socket Listen(string? netns, int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(64);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"the simulated API server cannot listen on 127.0.0.1:{port} in {netns ?? "the test's namespace"}: {e.Message}", e);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_connections)
                _connections.Add(connection);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: true);
            var reader = new HttpRequestReader(stream);
            while (!_stopping.IsCancellationRequested)
            {
                var request = await reader.ReadAsync(_stopping.Token);
                if (request is null)
                    return;
                var response = new KubeHttpResponse(stream);
                await _handler(request, response, _stopping.Token);
                await response.CompleteAsync(_stopping.Token);
                if (!response.KeepAlive || request.Headers.TryGetValue("connection", out var c) && c.Equals("close", StringComparison.OrdinalIgnoreCase))
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (a watch it stopped reading) or the server is stopping.
        }
        finally
        {
            lock (_connections)
                _connections.Remove(connection);
            connection.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var listener in _listeners)
            listener.Dispose();
        lock (_connections)
        {
            foreach (var connection in _connections)
                connection.Dispose();
        }
        await Task.WhenAll(_loops);
        _stopping.Dispose();
    }

    /// <summary>Reads requests off one connection: request line, headers, and the body by Content-Length or
    /// chunked transfer coding.</summary>
    private sealed class HttpRequestReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<KubeHttpRequest?> ReadAsync(CancellationToken cancel)
        {
            var requestLine = await ReadLineAsync(cancel);
            if (requestLine is null)
                return null;
            var parts = requestLine.Split(' ');
            if (parts.Length != 3)
                throw new IOException($"bad request line '{requestLine}'");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (await ReadLineAsync(cancel) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            byte[] body = [];
            if (headers.TryGetValue("content-length", out var length))
                body = await ReadExactlyAsync(int.Parse(length, System.Globalization.CultureInfo.InvariantCulture), cancel);
            else if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                body = await ReadChunkedAsync(cancel);
            var target = parts[1];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
            var query = new Dictionary<string, string>(StringComparer.Ordinal);
            if (question >= 0)
            {
                foreach (var pair in target[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    var key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
                    query[key] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                }
            }
            return new KubeHttpRequest(parts[0], path, query, headers, body);
        }

        private async Task<byte[]> ReadChunkedAsync(CancellationToken cancel)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(cancel) ?? throw new IOException("connection closed inside a chunked body");
                var size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
                if (size == 0)
                {
                    while (await ReadLineAsync(cancel) is { Length: > 0 })
                    {
                    }
                    return body.ToArray();
                }
                body.Write(await ReadExactlyAsync(size, cancel));
                _ = await ReadLineAsync(cancel);
            }
        }

        private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancel)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (_start == _end && !await FillAsync(cancel))
                    throw new IOException("connection closed inside a request body");
                var n = Math.Min(count - copied, _end - _start);
                Array.Copy(_buffer, _start, result, copied, n);
                _start += n;
                copied += n;
            }
            return result;
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancel)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancel))
                    return line.Length == 0 ? null : throw new IOException("connection closed inside a line");
                var b = _buffer[_start++];
                if (b == '\n')
                    return line.ToString().TrimEnd('\r');
                line.Append((char)b);
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancel)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, cancel);
            return _end > 0;
        }
    }
}
