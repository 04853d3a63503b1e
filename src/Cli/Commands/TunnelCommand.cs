using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using PerfSuite.Lab.Tunnels.Ipip;

namespace PerfSuite.Cli.Commands;

/// <summary>
/// <c>perfsuite tunnel ipip</c> (hidden): one end of PerfSuite's userspace IP-in-IP tunnel, run as its own process
/// inside a node namespace by the lab (<see cref="IpipEncapsulatorProcess"/>) where the kernel has no <c>ipip</c>
/// module. Prints a ready line, runs until SIGTERM or Ctrl-C, then prints its counters.
/// </summary>
internal static class TunnelCommand
{
    private static readonly Option<string> NetnsOption = new("--netns")
    {
        Description = "Network namespace of the node (a name under /run/netns)",
        Required = true,
    };

    private static readonly Option<string> TunOption = new("--tun")
    {
        Description = "Name of the TUN device to create (at most 15 bytes)",
        DefaultValueFactory = _ => "tunl0",
    };

    private static readonly Option<string> LocalOption = new("--local")
    {
        Description = "This node's underlay IPv4 address (outer source)",
        Required = true,
    };

    private static readonly Option<string> RemoteOption = new("--remote")
    {
        Description = "The peer node's underlay IPv4 address (outer destination of every packet no --route names; accepted as a source)",
        Required = true,
    };

    private static readonly Option<string[]> RouteOption = new("--route")
    {
        Description = "CIDR=ADDR: inner packets to CIDR go to the peer at underlay address ADDR, also accepted as a source " +
            "(repeat for each peer of a multi-peer tunl0; the longest CIDR holding the destination wins)",
        DefaultValueFactory = _ => [],
    };

    private static readonly Option<int?> MtuOption = new("--mtu")
    {
        Description = "MTU of the TUN device (default: the underlay path MTU minus 20)",
    };

    private static readonly Option<bool> NewSessionOption = new("--new-session")
    {
        Description = "Leave the starter's session (setsid) so the tunnel outlives its terminal",
        Hidden = true,
    };

    public static Command Create(TextWriter stdout)
    {
        var ipip = new Command("ipip", "Userspace IP-in-IP (RFC 2003) tunnel end over a TUN device and a raw socket")
        {
            NetnsOption, TunOption, LocalOption, RemoteOption, RouteOption, MtuOption, NewSessionOption,
        };
        ipip.SetAction(async (parse, cancellationToken) =>
        {
            var options = new IpipTunnelOptions(
                parse.GetValue(NetnsOption)!,
                parse.GetValue(TunOption)!,
                ParseIpv4(parse.GetValue(LocalOption)!, "--local"),
                ParseIpv4(parse.GetValue(RemoteOption)!, "--remote"),
                parse.GetValue(MtuOption))
            {
                Routes = [.. parse.GetValue(RouteOption)!.Select(r => IpipRoute.TryParse(r)
                    ?? throw new UsageException($"--route must be an IPv4 network, '=' and an IPv4 address (10.42.2.0/24=198.18.0.2), not '{r}'"))],
            };
            // The lab stops the tunnel with SIGTERM; handled here (not by the runtime's default, which exits at once)
            // so the loops stop, the TUN device is closed and the counters are printed.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
            await new IpipTunnelRunner(stdout).RunAsync(options, parse.GetValue(NewSessionOption), stop.Token);
            return ExitCodes.Success;

            void RequestStop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return new Command("tunnel", "Userspace tunnel processes the lab starts inside node namespaces")
        {
            Hidden = true,
            Subcommands = { ipip },
        };
    }

    private static IPAddress ParseIpv4(string text, string option) =>
        IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new UsageException($"{option} must be an IPv4 address, not '{text}'");
}
