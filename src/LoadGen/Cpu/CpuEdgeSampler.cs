using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>Takes a <see cref="CpuEdge"/>. The first read of /proc files in a process is slower (page cache,
/// JIT), so the constructor reads once to keep that cost out of the window edge.</summary>
public sealed class CpuEdgeSampler
{
    private readonly ProcStatSampler _host;

    public CpuEdgeSampler(ProcStatSampler? host = null)
    {
        _host = host ?? new ProcStatSampler();
        _ = Take();
    }

    public CpuEdge Take()
    {
        var host = _host.Sample();
        return new CpuEdge(host, ProcessCpuClock.Self());
    }
}
