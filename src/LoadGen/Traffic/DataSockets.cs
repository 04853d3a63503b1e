using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Creating, connecting and tearing down the sockets that carry test traffic. Data sockets are only ever used
/// with synchronous calls: .NET switches a socket to non-blocking mode for good after one async call or a timeout
/// option, and then serves every later synchronous call through its epoll thread, which would put a thread hop into
/// every request/response round trip. Timeouts here are therefore built from poll() and from closing the socket.</summary>
internal static class DataSockets
{
    public static Socket ListenTcp(NetworkScope scope, IPEndPoint bind, TestSpec spec, int backlog)
    {
        var socket = scope.CreateSocket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // A fixed --data-port must be reusable while the previous test's connections are in TIME_WAIT.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            // Accepted sockets inherit the listener's buffers, and the window scale is fixed at the handshake.
            ApplyBuffers(socket, spec);
            socket.Bind(bind);
            socket.Listen(backlog);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw Failure(e, $"listening on {bind}");
        }
    }

    public static Socket BindUdp(NetworkScope scope, IPEndPoint bind, TestSpec spec)
    {
        var socket = scope.CreateSocket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            ApplyBuffers(socket, spec);
            socket.Bind(bind);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw Failure(e, $"binding UDP {bind}");
        }
    }

    public static Socket NewTcp(NetworkScope scope, AddressFamily family, TestSpec spec, bool noDelay)
    {
        var socket = scope.CreateSocket(family, SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = noDelay;
        ApplyBuffers(socket, spec);
        return socket;
    }

    public static Socket NewUdp(NetworkScope scope, AddressFamily family, TestSpec spec)
    {
        var socket = scope.CreateSocket(family, SocketType.Dgram, ProtocolType.Udp);
        ApplyBuffers(socket, spec);
        return socket;
    }

    /// <summary>A blocking connect on the calling thread, aborted by closing the socket when
    /// <paramref name="timeout"/> passes (a black-holed peer would otherwise take the kernel's two minutes of SYN
    /// retries). Closing the socket from another thread is how .NET aborts a blocking call on Linux.</summary>
    public static void Connect(Socket socket, IPEndPoint peer, TimeSpan timeout)
    {
        // Whichever of the timer and the connect finishes first owns the outcome, so a connect that succeeds just
        // as the timer fires never hands back a closed socket.
        var settled = 0;
        using var timer = new Timer(_ =>
        {
            if (Interlocked.Exchange(ref settled, 1) == 0)
                socket.Dispose();
        }, null, timeout, Timeout.InfiniteTimeSpan);
        try
        {
            socket.Connect(peer);
        }
        catch (Exception e) when (e is ObjectDisposedException || (e is SocketException && Volatile.Read(ref settled) == 1))
        {
            throw new PerfSuiteException(ErrorReason.Timeout, $"no TCP connection to {peer} within {timeout.TotalSeconds:0.#} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw Failure(e, $"connecting to {peer}");
        }
        if (Interlocked.Exchange(ref settled, 1) == 1)
            throw new PerfSuiteException(ErrorReason.Timeout, $"no TCP connection to {peer} within {timeout.TotalSeconds:0.#} s");
    }

    /// <summary>Waits with poll() for a pending connection until <paramref name="deadline"/>, then accepts it; null
    /// when the deadline passed or <paramref name="stop"/> was set.</summary>
    public static Socket? Accept(Socket listener, long deadline, StopSignal stop)
    {
        while (!stop.IsSet)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
                return null;
            var micro = (int)Math.Min(100_000, Math.Max(1, left.TotalMicroseconds));
            try
            {
                if (listener.Poll(micro, SelectMode.SelectRead))
                    return listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (stop.IsSet)
                    return null;
                throw;
            }
        }
        return null;
    }

    /// <summary>Waits with poll() until <paramref name="socket"/> is readable; false at the deadline or on stop.</summary>
    public static bool WaitReadable(Socket socket, long deadline, StopSignal stop)
    {
        while (!stop.IsSet)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
                return false;
            var micro = (int)Math.Min(100_000, Math.Max(1, left.TotalMicroseconds));
            try
            {
                if (socket.Poll(micro, SelectMode.SelectRead))
                    return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Sends all of <paramref name="data"/>; false when the connection failed.</summary>
    public static bool SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = socket.Send(data, SocketFlags.None, out var error);
            if (error != SocketError.Success || sent <= 0)
                return false;
            data = data[sent..];
        }
        return true;
    }

    /// <summary>Fills all of <paramref name="buffer"/>; false on end of stream or error.</summary>
    public static bool ReceiveExactly(Socket socket, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var received = socket.Receive(buffer, SocketFlags.None, out var error);
            if (error != SocketError.Success || received <= 0)
                return false;
            buffer = buffer[received..];
        }
        return true;
    }

    /// <summary>Wakes every thread blocked on the socket (shutdown does that on Linux; close alone does not) and
    /// closes it. Never throws: it runs in teardown and on cancellation.</summary>
    public static void Abort(Socket? socket)
    {
        if (socket is null)
            return;
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Not connected (an unconnected UDP socket is still woken by the kernel) or already closed.
        }
        socket.Dispose();
    }

    public static byte[] PinnedBuffer(int size)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(size, pinned: true);
        // Not zeros, in case a datapath compresses; the content is never checked.
        new Random(size).NextBytes(buffer);
        return buffer;
    }

    public static PerfSuiteException Failure(SocketException e, string what)
    {
        var reason = e.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => ErrorReason.Busy,
            SocketError.AccessDenied => ErrorReason.PermissionDenied,
            SocketError.TimedOut => ErrorReason.Timeout,
            SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => ErrorReason.InvalidArgument,
            _ => ErrorReason.Io,
        };
        return new PerfSuiteException(reason, $"{what}: {e.Message}", e);
    }

    private static void ApplyBuffers(Socket socket, TestSpec spec)
    {
        if (spec.SendBufferBytes > 0)
            socket.SendBufferSize = spec.SendBufferBytes;
        if (spec.ReceiveBufferBytes > 0)
            socket.ReceiveBufferSize = spec.ReceiveBufferBytes;
    }
}
