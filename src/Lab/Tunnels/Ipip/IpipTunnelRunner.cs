using System.Globalization;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>
/// Runs one IP-in-IP tunnel end until cancelled (SIGTERM, Ctrl-C): what <c>perfsuite tunnel ipip</c> does in its
/// own process. Prints <see cref="IpipReadyLine"/> when the device is up and a counter summary when stopped.
/// </summary>
public sealed class IpipTunnelRunner(TextWriter output)
{
    /// <param name="newSession">Leave the starter's session first (setsid), so the tunnel outlives the terminal
    /// of the command that built the lab; the lab then stops it by pid.</param>
    public async Task RunAsync(IpipTunnelOptions options, bool newSession, CancellationToken cancellationToken)
    {
        if (newSession)
            ProcessControl.StartNewSession();
        using var encapsulator = IpipEncapsulator.Open(options);
        encapsulator.Start();
        output.WriteLine(new IpipReadyLine(Environment.ProcessId, options.TunName, encapsulator.TunMtu, encapsulator.PathMtu).Format());
        output.Flush();
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (cancellationToken.Register(() => stopRequested.TrySetResult()))
        {
            await Task.WhenAny(encapsulator.Completion, stopRequested.Task);
        }
        encapsulator.Stop();
        await encapsulator.Completion;
        var c = encapsulator.Counters;
        // The starter may be gone by now (the lab outlives `lab up`); a closed stdout must not turn a clean stop
        // into a failure.
        try
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped encapsulated={c.EncapsulatedPackets} decapsulated={c.DecapsulatedPackets} frag-needed={c.FragmentationNeededSent} fragmented={c.FragmentedPackets} dropped={c.DroppedNotIpv4 + c.DroppedOnSend + c.DroppedOnTunWrite} rejected={c.RejectedFromWrongPeer + c.RejectedMalformed}"));
            output.Flush();
        }
        catch (IOException)
        {
        }
    }
}
