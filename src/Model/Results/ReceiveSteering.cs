namespace PerfSuite.Model.Results;

/// <summary>One receive queue whose RPS CPUs (<c>/sys/class/net/DEV/queues/rx-N/rps_cpus</c>) the run set for a
/// cell's path, so that the receive softirq of the packets arriving on it runs on the CPUs of the agent on its side
/// (docs/methodology.md "CPU placement").</summary>
/// <param name="Side"><see cref="SenderSide"/> or <see cref="ReceiverSide"/>: whose agent's CPUs the queue was
/// steered to.</param>
/// <param name="Namespace">The network namespace the device is in (a lab node's or pod's).</param>
/// <param name="Device">The device, as named in that namespace.</param>
/// <param name="Queue">The receive queue (<c>rx-0</c>).</param>
/// <param name="Cpus">The CPUs rps_cpus held when read back after writing it.</param>
public sealed record ReceiveSteering(string Side, string Namespace, string Device, string Queue, IReadOnlyList<int> Cpus)
{
    public const string SenderSide = "sender";
    public const string ReceiverSide = "receiver";

    /// <summary>"eth0 rx-0 in ps-lab-vx-n2 → 1".</summary>
    public override string ToString() => $"{Device} {Queue} in {Namespace} → {string.Join(',', Cpus)}";
}
