using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Support;

/// <summary>A control connection that sends raw lines, as a hostile or broken peer would; after
/// <see cref="HelloAsync"/> with the right token it seals them as a runner does.</summary>
internal sealed class RawControl : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private ControlSeal? _seal;

    private RawControl(Socket socket)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<RawControl> ConnectAsync(IPEndPoint endPoint, NetworkScope? scope = null)
    {
        var socket = (scope ?? NetworkScope.Host).CreateSocket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, Cancel);
        return new RawControl(socket);
    }

    /// <summary>The challenge-response hello with <paramref name="token"/>: the agent's hello reply, or its error
    /// (read in clear) when the token is wrong.</summary>
    public async Task<JsonElement> HelloAsync(string token, long id)
    {
        var nonce = ControlSeal.NewNonce();
        var challenge = await SendAsync($$"""{"type":"hello","id":{{id}},"protocol":{{AgentProtocol.Version}},"nonce":"{{nonce}}"}""");
        if (challenge.GetProperty("type").GetString() != "challenge")
            return challenge;
        _seal = ControlSeal.ForRunner(token, ControlSeal.ParseNonce(nonce)!, ControlSeal.ParseNonce(challenge.GetProperty("nonce").GetString())!);
        await WriteLineAsync($$"""{"type":"hello","id":{{id}},"protocol":{{AgentProtocol.Version}}}""");
        var reply = await ReadLineAsync() ?? throw new InvalidOperationException("the agent closed the connection after hello");
        return reply.StartsWith('{') ? JsonDocument.Parse(reply).RootElement : Open(reply);
    }

    /// <summary>Writes <paramref name="line"/> (sealed after a successful hello) and reads one reply.</summary>
    public async Task<JsonElement> SendAsync(string line)
    {
        await WriteLineAsync(line);
        var reply = await ReadLineAsync() ?? throw new InvalidOperationException($"the agent closed the connection after: {line[..Math.Min(line.Length, 80)]}");
        return _seal is null ? JsonDocument.Parse(reply).RootElement : Open(reply);
    }

    /// <summary>Writes bytes as they are, sealed or not: a forgery on the wire.</summary>
    public async Task WriteRawAsync(string line) =>
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), Cancel);

    public async Task<string?> ReadLineAsync() =>
        await _reader.ReadLineAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancel);

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _seal?.Dispose();
    }

    private async Task WriteLineAsync(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        await _stream.WriteAsync(_seal is null ? bytes : _seal.Seal(bytes), Cancel);
        await _stream.WriteAsync("\n"u8.ToArray(), Cancel);
    }

    private JsonElement Open(string line) =>
        JsonDocument.Parse(_seal!.Open(Encoding.ASCII.GetBytes(line)) ?? throw new InvalidOperationException("the agent's reply did not open")).RootElement;
}
