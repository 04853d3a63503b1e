using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>A TCP echo across namespaces: a client sends bytes, a server in the other namespace returns them; the
/// client checks every byte. Exercises full-sized segments in both directions.</summary>
internal static class StreamExchange
{
    public static async Task<bool> EchoAsync(string clientNetns, string serverNetns, IPAddress serverAddress, int bytes, int port = 47001)
    {
        using var listener = NetworkNamespace.Run(serverNetns, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(serverAddress, port));
            s.Listen(1);
            return s;
        });
        using var client = NetworkNamespace.Run(clientNetns, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptAsync(timeout.Token);
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var n = await connection.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                    break;
                await connection.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, timeout.Token);
            }
            connection.Shutdown(SocketShutdown.Send);
        });
        await client.ConnectAsync(new IPEndPoint(serverAddress, port), timeout.Token);
        var data = RandomNumberGenerator.GetBytes(bytes);
        var received = new byte[bytes];
        var reader = Task.Run(async () =>
        {
            var total = 0;
            while (total < bytes)
            {
                var n = await client.ReceiveAsync(received.AsMemory(total), SocketFlags.None, timeout.Token);
                if (n == 0)
                    break;
                total += n;
            }
            return total;
        });
        await client.SendAsync(data, SocketFlags.None, timeout.Token);
        client.Shutdown(SocketShutdown.Send);
        var got = await reader;
        await server;
        return got == bytes && data.AsSpan().SequenceEqual(received);
    }
}
