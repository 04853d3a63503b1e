using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>Node-wide CPU over one window with no test running: the floor under every busy figure (methodology §3).</summary>
public static class IdleBaseline
{
    public static async Task<CpuByCategory> MeasureAsync(TimeSpan window, CancellationToken cancel)
    {
        var sampler = new CpuEdgeSampler();
        var start = sampler.Take();
        await Task.Delay(window, cancel);
        return CpuAccount.Between(start, sampler.Take()).Host.ToCpuByCategory();
    }
}
