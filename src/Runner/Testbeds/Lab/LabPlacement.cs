using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Results;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>The run's agent placement, decided once for all its labs: <c>manual</c> and <c>none</c> when the run is
/// validated (a CPU this process may not use is refused before anything is built), <c>auto</c> again when the first
/// lab has measured the idle baseline, which says how busy other work keeps the machine.</summary>
internal sealed class LabPlacement
{
    private readonly AgentCpus _cpus;
    private readonly IReadOnlyList<int> _allowed;
    private bool _decided;

    public LabPlacement(AgentCpus cpus)
    {
        _cpus = cpus;
        _allowed = ProcessAffinity.Of(0);
        Current = cpus.Resolve(_allowed);
    }

    public CpuPlacement Current { get; private set; }

    /// <summary>Settles <c>auto</c> on the idle baseline's busy cores; later calls change nothing.</summary>
    public void Decide(CpuByCategory? idle)
    {
        if (_decided)
            return;
        _decided = true;
        Current = _cpus.Resolve(_allowed, idle?.Busy);
    }
}
