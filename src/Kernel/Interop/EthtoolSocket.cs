namespace PerfSuite.Kernel;

/// <summary>The datagram socket SIOCETHTOOL is issued on. The kernel resolves interface names in the network
/// namespace the socket was created in, whichever thread uses it later, so the socket remembers that
/// namespace's name for error messages.</summary>
internal sealed class EthtoolSocket(FileDescriptorHandle handle, string namespaceLabel) : IDisposable
{
    public FileDescriptorHandle Handle { get; } = handle;

    /// <summary>The network namespace the socket lives in: its /run/netns name, or "host".</summary>
    public string NamespaceLabel { get; } = namespaceLabel;

    public void Dispose() => Handle.Dispose();
}
