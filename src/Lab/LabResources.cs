using System.Diagnostics;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.Lab;

/// <summary>The processes and in-process resources datapaths handed to the lab; ended in reverse order. A builder may
/// start the processes of several nodes at once, so handing over is thread-safe; disposing is not.</summary>
internal sealed class LabResources : IAsyncDisposable
{
    private readonly List<object> _owned = [];

    public void Own(ProcessIdentity identity, Process process) => Add((identity, process));

    public void Own(IAsyncDisposable resource) => Add(resource);

    public async ValueTask DisposeAsync()
    {
        object[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
            _owned.Clear();
        }
        for (var i = owned.Length - 1; i >= 0; i--)
        {
            switch (owned[i])
            {
                case (ProcessIdentity identity, Process process):
                    ProcessTermination.Terminate(identity, LabCleaner.ProcessGrace);
                    process.Dispose();
                    break;
                case IAsyncDisposable resource:
                    await resource.DisposeAsync();
                    break;
            }
        }
    }

    private void Add(object resource)
    {
        lock (_owned)
        {
            _owned.Add(resource);
        }
    }
}
