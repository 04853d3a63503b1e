using PerfSuite.Kernel;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Sockets;
using PerfSuite.Model.Errors;


namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>
/// A userspace IP-in-IP tunnel end (RFC 2003): a TUN device and a raw socket for protocol 4, both created inside the
/// node's namespace, and two loops on dedicated threads — TUN to raw socket (encapsulate) and raw socket to TUN
/// (decapsulate) — each with one buffer reused for every packet.
/// <para>
/// Why IP_HDRINCL: the outer header is written in place in front of the packet read from the TUN, so nothing is
/// copied and the header is exactly what <see cref="IpipEncapsulation.Encapsulate"/> (the benchmarked step) made:
/// DF and DSCP copied per packet as RFC 2003 §3.1 asks, with no per-packet setsockopt. The price is that the kernel
/// never fragments a header-included packet (EMSGSIZE above the device MTU), so the tunnel handles a packet too large
/// for the path itself, as a kernel tunnel does: with the inner DF bit set it answers ICMP fragmentation-needed with
/// the tunnel MTU (path MTU − 20) through the TUN, so the sender's path MTU discovery converges; without DF it
/// fragments the outer packet (RFC 791) and the peer's kernel reassembles before its raw socket sees it. Neither
/// happens while the TUN MTU is path MTU − 20, which the lab sets.
/// </para>
/// <para>
/// Several peers (<see cref="IpipTunnelOptions.Routes"/>, a fleet host's tunl0 toward every other host): one raw socket
/// per peer, connected to it, so the kernel hands each socket only its peer's packets and keeps each peer's path MTU;
/// an inner packet goes to the peer of the longest route holding its destination (a handful of routes, scanned in
/// order), and the decapsulating loop reads whichever sockets are ready.
/// </para>
/// </summary>
public sealed class IpipEncapsulator : IDisposable
{
    private const int PacketBufferLength = IpipEncapsulation.OuterHeaderLength + ushort.MaxValue;
    private const int SocketBufferBytes = 4 * 1024 * 1024;
    private const long PathMtuRefreshMilliseconds = 1000;

    /// <summary>Packets a decapsulating pass reads from one peer's socket before it looks at the next.</summary>
    private const int ReceiveBurst = 64;

    private readonly FileDescriptorHandle _tun;
    private readonly PeerSocket[] _peers;
    private readonly FileDescriptorHandle[] _rawSockets;
    private readonly RouteEntry[] _routes;
    private readonly FileDescriptorHandle _wake;
    private readonly uint _local;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _encapsulateThread;
    private readonly Thread _decapsulateThread;
    private readonly string _tunReadWhat;
    private readonly string _tunWriteWhat;
    private int _running;
    private int _loopsLeft = 2;
    private bool _disposed;

    private long _encapsulatedPackets, _encapsulatedBytes, _decapsulatedPackets, _decapsulatedBytes;
    private long _fragmentationNeededSent, _fragmentedPackets, _droppedNotIpv4, _droppedOnSend;
    private long _rejectedWrongPeer, _rejectedMalformed, _droppedOnTunWrite;
    private long _loopAllocatedBytes;

    private IpipEncapsulator(IpipTunnelOptions options, FileDescriptorHandle tun, PeerSocket[] peers, int tunMtu)
    {
        Options = options;
        _tun = tun;
        _peers = peers;
        _rawSockets = [.. peers.Select(p => p.Raw)];
        _routes = RouteEntry.Table(options, peers);
        _wake = PacketIo.CreateEventFd();
        _local = IpipEncapsulation.AddressValue(options.Local);
        TunMtu = tunMtu;
        _tunReadWhat = $"reading from TUN device '{options.TunName}'";
        _tunWriteWhat = $"writing to TUN device '{options.TunName}'";
        _encapsulateThread = new Thread(() => RunLoop(EncapsulateLoop)) { IsBackground = true, Name = $"ipip {options.TunName} encap" };
        _decapsulateThread = new Thread(() => RunLoop(DecapsulateLoop)) { IsBackground = true, Name = $"ipip {options.TunName} decap" };
    }

    public IpipTunnelOptions Options { get; }

    /// <summary>The MTU set on the TUN device.</summary>
    public int TunMtu { get; }

    /// <summary>The underlay path MTU toward the peer, as the kernel last reported it (the smallest toward any, with
    /// several).</summary>
    public int PathMtu => _peers.Min(p => Volatile.Read(ref p.PathMtu));

    /// <summary>Completes when both loops have ended after <see cref="Stop"/>; faults when one failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Creates the TUN device and the raw socket inside <see cref="IpipTunnelOptions.Netns"/>, then sets the TUN's
    /// MTU and brings it up through <paramref name="netlink"/> (a client in that namespace; null: one opened for
    /// the call). The device exists until <see cref="Dispose"/>.
    /// </summary>
    public static IpipEncapsulator Open(IpipTunnelOptions options, RtnetlinkClient? netlink = null)
    {
        options.Validate();
        var where = options.Netns ?? NetworkNamespace.HostName;
        var peers = new List<PeerSocket>();
        FileDescriptorHandle? tun = null;
        try
        {
            NetworkNamespace.Run(options.Netns, () =>
            {
                foreach (var remote in options.Remotes)
                {
                    var raw = PacketIo.OpenIpipSocket(options.Local, remote, SocketBufferBytes, where);
                    peers.Add(new PeerSocket(raw, IpipEncapsulation.AddressValue(remote), PacketIo.PathMtu(raw)));
                }
                tun = PacketIo.OpenTun(options.TunName, where);
                return true;
            });
            var narrowest = peers.MinBy(p => p.PathMtu)!;
            var tunMtu = options.TunMtu ?? narrowest.PathMtu - IpipEncapsulation.OuterHeaderLength;
            if (tunMtu < IpipEncapsulation.MinimumMtu)
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"the underlay path MTU toward {options.Remotes[peers.IndexOf(narrowest)]} is {narrowest.PathMtu}, too small for IP in IP");
            TunnelLinkSetup.Configure(options.Netns, netlink, options.TunName, mtu: tunMtu);
            return new IpipEncapsulator(options, tun!, [.. peers], tunMtu);
        }
        catch
        {
            tun?.Dispose();
            foreach (var peer in peers)
                peer.Raw.Dispose();
            throw;
        }
    }

    /// <summary>Starts both loops.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _running, 1) != 0)
            return;
        _encapsulateThread.Start();
        _decapsulateThread.Start();
    }

    /// <summary>Wakes both loops and waits until they have ended. The TUN device stays until Dispose.</summary>
    public void Stop()
    {
        PacketIo.SignalEventFd(_wake);
        if (Volatile.Read(ref _running) == 0)
            return;
        _encapsulateThread.Join();
        _decapsulateThread.Join();
    }

    /// <summary>Bytes the two loops allocated on the managed heap after their buffers, summed when they end. The
    /// per-packet path allocates nothing; what remains is a one-time 40 bytes or so when a thread first calls each
    /// native function.</summary>
    public long LoopAllocatedBytes => Volatile.Read(ref _loopAllocatedBytes);

    public IpipEncapsulatorCounters Counters => new(
        Volatile.Read(ref _encapsulatedPackets), Volatile.Read(ref _encapsulatedBytes),
        Volatile.Read(ref _decapsulatedPackets), Volatile.Read(ref _decapsulatedBytes),
        Volatile.Read(ref _fragmentationNeededSent), Volatile.Read(ref _fragmentedPackets),
        Volatile.Read(ref _droppedNotIpv4), Volatile.Read(ref _droppedOnSend),
        Volatile.Read(ref _rejectedWrongPeer), Volatile.Read(ref _rejectedMalformed),
        Volatile.Read(ref _droppedOnTunWrite));

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Stop();
        _tun.Dispose();
        foreach (var peer in _peers)
            peer.Raw.Dispose();
        _wake.Dispose();
        _completion.TrySetResult();
    }

    private void RunLoop(Action loop)
    {
        try
        {
            loop();
        }
        catch (Exception e)
        {
            // One direction failing makes the tunnel useless: stop the other and report.
            PacketIo.SignalEventFd(_wake);
            _completion.TrySetException(e);
        }
        if (Interlocked.Decrement(ref _loopsLeft) == 0)
            _completion.TrySetResult();
    }

    private void EncapsulateLoop()
    {
        var buffer = GC.AllocateArray<byte>(PacketBufferLength, pinned: true);
        var scratch = GC.AllocateArray<byte>(PacketBufferLength, pinned: true);
        var identification = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        var refreshAt = Environment.TickCount64 + PathMtuRefreshMilliseconds;
        var what = _tunReadWhat;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            EncapsulatePackets(buffer, scratch, identification, refreshAt, what);
        }
        finally
        {
            Interlocked.Add(ref _loopAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        }
    }

    private void EncapsulatePackets(byte[] buffer, byte[] scratch, ushort identification, long refreshAt, string what)
    {
        while (true)
        {
            var status = PacketIo.ReadPacket(_tun, buffer.AsSpan(IpipEncapsulation.OuterHeaderLength), out var innerLength, what);
            if (status == IoStatus.WouldBlock)
            {
                if (!PacketIo.WaitReady(_tun, forWrite: false, _wake, what))
                    return;
                continue;
            }
            if (status != IoStatus.Ok)
                return;
            var peer = PeerFor(buffer.AsSpan(IpipEncapsulation.OuterHeaderLength, innerLength));
            // Never 0: a header-included packet with identification 0 gets a kernel-chosen one, which would differ
            // between the fragments of one packet.
            identification = identification == ushort.MaxValue ? (ushort)1 : (ushort)(identification + 1);
            var length = IpipEncapsulation.Encapsulate(buffer, innerLength, _local, peer.Remote, identification);
            if (length == 0)
            {
                _droppedNotIpv4++;
                continue;
            }
            var now = Environment.TickCount64;
            if (now >= refreshAt)
            {
                // ICMP fragmentation-needed from the underlay lowers the path MTU without touching the device MTU,
                // which is all a header-included send checks.
                foreach (var each in _peers)
                    Volatile.Write(ref each.PathMtu, PacketIo.PathMtu(each.Raw));
                refreshAt = now + PathMtuRefreshMilliseconds;
            }
            if (length > peer.PathMtu || Send(peer, buffer.AsSpan(0, length)) == SendOutcome.TooLong)
            {
                if (!SendOversize(peer, buffer.AsSpan(0, length), scratch))
                    return;
            }
        }
    }

    /// <summary>The peer an inner packet goes to: that of the longest route holding its destination, the first
    /// (<see cref="IpipTunnelOptions.Remote"/>, whose 0.0.0.0/0 ends the table) for any other. A packet too short to
    /// have a destination goes to the first too, whose encapsulation then drops it.</summary>
    private PeerSocket PeerFor(ReadOnlySpan<byte> inner)
    {
        if (inner.Length < 20)
            return _peers[0];
        var destination = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(inner[16..]);
        foreach (var route in _routes)
        {
            if ((destination & route.Mask) == route.Network)
                return _peers[route.Peer];
        }
        return _peers[0];
    }

    private bool SendOversize(PeerSocket peer, ReadOnlySpan<byte> packet, Span<byte> scratch)
    {
        var inner = packet[IpipEncapsulation.OuterHeaderLength..];
        if (IpipEncapsulation.HasDontFragment(inner))
        {
            var length = IpipEncapsulation.WriteFragmentationNeeded(inner, peer.PathMtu - IpipEncapsulation.OuterHeaderLength, scratch);
            if (length > 0 && WriteTun(scratch[..length]))
                _fragmentationNeededSent++;
            else
                _droppedOnSend++;
            return true;
        }
        var offset = 0;
        while (offset < inner.Length)
        {
            var length = IpipEncapsulation.WriteFragment(packet, peer.PathMtu, offset, scratch, out offset);
            if (length == 0)
            {
                _droppedOnSend++;
                return true;
            }
            switch (Send(peer, scratch[..length], countAsPacket: false))
            {
                case SendOutcome.Stopping:
                    return false;
                case SendOutcome.TooLong or SendOutcome.Dropped:
                    _droppedOnSend++;
                    return true;
            }
        }
        _fragmentedPackets++;
        _encapsulatedPackets++;
        _encapsulatedBytes += inner.Length;
        return true;
    }

    private enum SendOutcome
    {
        Sent,
        TooLong,
        Dropped,
        Stopping,
    }

    private SendOutcome Send(PeerSocket peer, ReadOnlySpan<byte> packet, bool countAsPacket = true)
    {
        const string what = "sending on the IP-in-IP socket";
        while (true)
        {
            switch (PacketIo.SendPacket(peer.Raw, packet, what))
            {
                case IoStatus.Ok:
                    if (countAsPacket)
                    {
                        _encapsulatedPackets++;
                        _encapsulatedBytes += packet.Length - IpipEncapsulation.OuterHeaderLength;
                    }
                    return SendOutcome.Sent;
                case IoStatus.WouldBlock:
                    if (!PacketIo.WaitReady(peer.Raw, forWrite: true, _wake, what))
                        return SendOutcome.Stopping;
                    continue;
                case IoStatus.MessageTooLong:
                    Volatile.Write(ref peer.PathMtu, PacketIo.PathMtu(peer.Raw));
                    return SendOutcome.TooLong;
                default:
                    _droppedOnSend++;
                    return SendOutcome.Dropped;
            }
        }
    }

    private void DecapsulateLoop()
    {
        var buffer = GC.AllocateArray<byte>(PacketBufferLength, pinned: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            DecapsulatePackets(buffer);
        }
        finally
        {
            Interlocked.Add(ref _loopAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        }
    }

    private void DecapsulatePackets(byte[] buffer)
    {
        const string what = "receiving on the IP-in-IP socket";
        while (true)
        {
            // Each peer's socket in turn, a burst at most from each, so one busy peer cannot starve the others; when
            // a whole pass found nothing, wait for any.
            var idle = true;
            foreach (var peer in _peers)
            {
                for (var burst = 0; burst < ReceiveBurst; burst++)
                {
                    var status = PacketIo.ReceivePacket(peer.Raw, buffer, out var length, what);
                    if (status == IoStatus.WouldBlock)
                        break;
                    if (status == IoStatus.Closed)
                        return;
                    idle = false;
                    if (status == IoStatus.Ok)
                        Decapsulate(peer, buffer, length);
                    // Otherwise an ICMP error about an earlier send surfaced here; nothing was received.
                }
            }
            if (idle && !PacketIo.WaitAnyReadable(_rawSockets, _wake, what))
                return;
        }
    }

    private void Decapsulate(PeerSocket peer, byte[] buffer, int length)
    {
        var verdict = IpipEncapsulation.Decapsulate(buffer.AsSpan(0, length), peer.Remote, _local, out var offset, out var innerLength);
        if (verdict != DecapsulationVerdict.Accepted)
        {
            if (verdict == DecapsulationVerdict.WrongPeer)
                _rejectedWrongPeer++;
            else
                _rejectedMalformed++;
            return;
        }
        if (WriteTun(buffer.AsSpan(offset, innerLength)))
        {
            _decapsulatedPackets++;
            _decapsulatedBytes += innerLength;
        }
    }

    private bool WriteTun(ReadOnlySpan<byte> packet)
    {
        while (true)
        {
            switch (PacketIo.WritePacket(_tun, packet, _tunWriteWhat))
            {
                case IoStatus.Ok:
                    return true;
                case IoStatus.WouldBlock:
                    if (!PacketIo.WaitReady(_tun, forWrite: true, _wake, _tunWriteWhat))
                        return false;
                    continue;
                default:
                    _droppedOnTunWrite++;
                    return false;
            }
        }
    }

    /// <summary>One peer's raw socket (connected to it), its address and its path MTU as last read.</summary>
    private sealed class PeerSocket(FileDescriptorHandle raw, uint remote, int pathMtu)
    {
        public FileDescriptorHandle Raw { get; } = raw;
        public uint Remote { get; } = remote;
        public int PathMtu = pathMtu;
    }

    /// <summary>A route of the table <see cref="PeerFor"/> scans: longest prefix first, the default peer's
    /// 0.0.0.0/0 last.</summary>
    private readonly record struct RouteEntry(uint Network, uint Mask, int Peer)
    {
        public static RouteEntry[] Table(IpipTunnelOptions options, IReadOnlyList<PeerSocket> peers)
        {
            var remotes = options.Remotes.Select(IpipEncapsulation.AddressValue).ToList();
            return [.. options.Routes
                .Select(r => (Prefix: r.Destination.PrefixLength, Entry: Entry(r.Destination, remotes.IndexOf(IpipEncapsulation.AddressValue(r.Remote)))))
                .Append((Prefix: 0, Entry: new RouteEntry(0, 0, 0)))
                .OrderByDescending(r => r.Prefix)
                .Select(r => r.Entry)];
        }

        private static RouteEntry Entry(System.Net.IPNetwork network, int peer)
        {
            var mask = network.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - network.PrefixLength);
            return new RouteEntry(IpipEncapsulation.AddressValue(network.BaseAddress) & mask, mask, peer);
        }
    }
}
