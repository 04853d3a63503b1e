using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>Independent views of what a lab built: <c>ip -j -d</c>, a TCP exchange made with plain BCL sockets
/// inside the namespaces, and tcpdump on an underlay.</summary>
internal static class LabOracle
{
    public static JsonElement Ip(string netns, params string[] args) =>
        JsonDocument.Parse(Shell.Run("ip", ["-n", netns, "-j", "-d", .. args])).RootElement.Clone();

    public static JsonElement Link(string netns, string device) => Ip(netns, "link", "show", "dev", device).EnumerateArray().Single();

    public static string Bridge(string netns, params string[] args) => Shell.Run("bridge", ["-n", netns, .. args]);

    /// <summary>Connects from the client's namespace to a listener in the server's, sends and reads back a line.</summary>
    public static string TcpEcho(LabEndpoint client, LabEndpoint server, string message = "hello over the lab")
    {
        using var listener = NetworkNamespace.Run(server.Namespace, () =>
        {
            var l = new TcpListener(server.Address, 0);
            l.Start();
            return l;
        });
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();
        using var connection = NetworkNamespace.Run(client.Namespace, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        connection.Bind(new IPEndPoint(client.Address, 0));
        connection.Connect(new IPEndPoint(server.Address, port));
        using var accepted = accept.WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        connection.Send(System.Text.Encoding.UTF8.GetBytes(message));
        var buffer = new byte[256];
        var stream = accepted.GetStream();
        var read = stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        stream.Write(buffer, 0, read);
        var back = new byte[256];
        connection.ReceiveTimeout = 5000;
        var got = connection.Receive(back);
        return System.Text.Encoding.UTF8.GetString(back, 0, got);
    }

    /// <summary>Runs tcpdump on <paramref name="device"/> in <paramref name="netns"/> until it sees one packet
    /// matching <paramref name="filter"/> while <paramref name="traffic"/> runs; returns what tcpdump printed for it, or
    /// null when none came within a few seconds.</summary>
    public static string? CaptureOne(string netns, string device, string filter, Action traffic, params string[] decodeAs)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = ["netns", "exec", netns, "tcpdump", "-i", device, "-n", "-l", "-c", "1", .. decodeAs, filter];
        foreach (var a in arguments)
            psi.ArgumentList.Add(a);
        using var tcpdump = Process.Start(psi)!;
        try
        {
            // tcpdump says "listening on" once its filter is attached: only then can nothing be missed.
            string? line;
            do
                line = tcpdump.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            while (line is not null && !line.Contains("listening on", StringComparison.Ordinal));
            Assert.NotNull(line);
            traffic();
            // With -c 1 tcpdump exits after the packet; an encapsulated one takes more than one line.
            var text = tcpdump.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            return text.Length == 0 ? null : text;
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            if (!tcpdump.HasExited)
                tcpdump.Kill();
            tcpdump.WaitForExit();
        }
    }
}
