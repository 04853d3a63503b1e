using System.Text;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>An answer to one request: either a whole body (<see cref="SendAsync"/>, with Content-Length) or a stream
/// of lines (<see cref="StartStreamAsync"/> then <see cref="WriteLineAsync"/>, chunked), as the API server answers a
/// watch: one JSON watch event per line, each flushed as it happens.</summary>
public sealed class KubeHttpResponse(Stream stream)
{
    private bool _streaming;
    private bool _sent;

    /// <summary>False once a streamed answer ended: the connection closes after it.</summary>
    public bool KeepAlive { get; private set; } = true;

    public async Task SendAsync(int status, string text, CancellationToken cancel, string contentType = "application/json")
    {
        var body = Encoding.UTF8.GetBytes(text);
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n" +
            $"Cache-Control: no-cache, private\r\nDate: {DateTime.UtcNow:R}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
        await stream.WriteAsync(body, cancel);
        await stream.FlushAsync(cancel);
        _sent = true;
    }

    public async Task StartStreamAsync(CancellationToken cancel)
    {
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
            $"Cache-Control: no-cache, private\r\nDate: {DateTime.UtcNow:R}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancel);
        await stream.FlushAsync(cancel);
        _streaming = true;
        _sent = true;
    }

    public async Task WriteLineAsync(string json, CancellationToken cancel)
    {
        var line = Encoding.UTF8.GetBytes(json + "\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{line.Length:x}\r\n"), cancel);
        await stream.WriteAsync(line, cancel);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancel);
        await stream.FlushAsync(cancel);
    }

    internal async Task CompleteAsync(CancellationToken cancel)
    {
        if (!_sent)
            await SendAsync(500, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"no answer","code":500}""", cancel);
        if (_streaming)
        {
            await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel);
            await stream.FlushAsync(cancel);
            KeepAlive = false;
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        _ => "Internal Server Error",
    };
}
