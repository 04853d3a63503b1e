using System.Net.Sockets;
using System.Text;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Wireguard;

/// <summary>
/// Talks to a userspace WireGuard implementation over its UAPI socket, <c>/var/run/wireguard/IFNAME.sock</c>. The
/// path is in the filesystem, not in a network namespace: one directory for every namespace on the host, which is
/// why interface names must be unique across nodes and labs.
/// </summary>
public static class WireguardUapiClient
{
    public static string SocketPath(string ifName) => Path.Combine(LabPaths.WireguardSocketDirectory, ifName + ".sock");

    /// <summary>Sends a <c>set=1</c> request and throws when the reply's errno is not 0.</summary>
    public static void Set(string socketPath, string request)
    {
        var reply = Exchange(socketPath, request);
        var errno = WireguardUapiText.ReplyErrno(reply);
        // wireguard-go answers with a negated errno (errno=-22 for a bad value)
        if (errno != 0)
        {
            throw new PerfSuiteException(Math.Abs(errno) == LinuxErrno.EINVAL ? ErrorReason.InvalidArgument : ErrorReason.Failed,
                $"WireGuard UAPI at {socketPath} refused the configuration (errno={errno})");
        }
    }

    /// <summary>Reads the configuration and peer statistics back (<c>get=1</c>).</summary>
    public static WireguardDeviceStatus Get(string socketPath)
    {
        var reply = Exchange(socketPath, WireguardUapiText.GetRequest);
        var errno = WireguardUapiText.ReplyErrno(reply);
        if (errno != 0)
            throw new PerfSuiteException(ErrorReason.Failed, $"WireGuard UAPI at {socketPath} answered get with errno={errno}");
        return WireguardUapiText.ParseGet(reply);
    }

    /// <summary>True when something accepts connections on the socket (a live implementation, not a stale file).</summary>
    public static bool IsListening(string socketPath)
    {
        if (!File.Exists(socketPath))
            return false;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Exchange(string socketPath, string request)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.ReceiveTimeout = 10_000;
        socket.SendTimeout = 10_000;
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
            socket.Send(Encoding.ASCII.GetBytes(request));
            var reply = new StringBuilder();
            var buffer = new byte[4096];
            // The reply ends with an empty line after errno=N; the implementation keeps the connection open.
            while (!EndsWithErrnoLine(reply))
            {
                var n = socket.Receive(buffer);
                if (n == 0)
                    break;
                reply.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            return reply.ToString();
        }
        catch (SocketException e)
        {
            throw new PerfSuiteException(
                e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused ? ErrorReason.NotFound : ErrorReason.Io,
                $"WireGuard UAPI at {socketPath}: {e.Message}");
        }
    }

    private static bool EndsWithErrnoLine(StringBuilder reply)
    {
        if (reply.Length < 2 || reply[^1] != '\n' || reply[^2] != '\n')
            return false;
        var text = reply.ToString();
        var last = text.TrimEnd('\n');
        var lineStart = last.LastIndexOf('\n') + 1;
        return last.AsSpan(lineStart).StartsWith("errno=", StringComparison.Ordinal);
    }
}
