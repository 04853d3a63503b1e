using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Netlink;

/// <summary>
/// A generic netlink socket in one network namespace (families such as WireGuard act on the devices of the
/// namespace the socket was created in): resolves family names through the controller and sends requests, every
/// failure naming the request and the namespace. Not thread-safe.
/// </summary>
public sealed class GenericNetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;

    private GenericNetlinkClient(NetlinkSocket socket, string netnsLabel)
    {
        _socket = socket;
        Namespace = netnsLabel;
    }

    /// <summary>How the namespace is named in messages: its name, or "host" for the caller's own.</summary>
    public string Namespace { get; }

    /// <summary>Opens a client for namespace <paramref name="netns"/> (null: the caller's own).</summary>
    public static GenericNetlinkClient Open(string? netns) =>
        NetworkNamespace.Run(netns, () => new GenericNetlinkClient(new NetlinkSocket(Interop.NETLINK_GENERIC), netns ?? NetworkNamespace.HostName));

    /// <summary>The message type the kernel gave family <paramref name="name"/>. Asking loads its module if it can
    /// (request_module "net-pf-16-proto-16-family-NAME"); a family that is still unknown throws
    /// <see cref="KernelModuleMissingException"/>.</summary>
    public ushort ResolveFamily(string name)
    {
        var what = $"resolving generic netlink family '{name}' in network namespace '{Namespace}'";
        ushort? id = null;
        try
        {
            _socket.Request(GenericNetlinkMessages.GetFamily(name), what, (type, _, payload) =>
            {
                if (type == GenlCtrl.FamilyId)
                    id ??= GenericNetlinkMessages.DecodeFamilyId(payload);
            });
        }
        catch (ErrnoException e) when (e.Errno == LinuxErrno.ENOENT)
        {
            throw new KernelModuleMissingException(name, $"{what}: the kernel has no '{name}' module");
        }
        return id ?? throw new PerfSuiteException(ErrorReason.Protocol, $"{what}: the reply carries no family id");
    }

    /// <summary>Sends <paramref name="message"/> and waits for the kernel's ACK.</summary>
    public void Request(NetlinkMessageWriter message, string what) =>
        _socket.Request(message, $"{what} in network namespace '{Namespace}'");

    public void Dispose() => _socket.Dispose();
}
