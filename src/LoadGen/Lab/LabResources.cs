using System.Diagnostics;
using PerfSuite.LoadGen.Lab.State;

namespace PerfSuite.LoadGen.Lab;

/// <summary>The processes and in-process resources datapaths handed to the lab; ended in reverse order.</summary>
internal sealed class LabResources : IAsyncDisposable
{
    private readonly List<object> _owned = [];

    public void Own(LabProcessIdentity identity, Process process) => _owned.Add((identity, process));

    public void Own(IAsyncDisposable resource) => _owned.Add(resource);

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            switch (_owned[i])
            {
                case (LabProcessIdentity identity, Process process):
                    LabProcessTerminator.Terminate(identity);
                    process.Dispose();
                    break;
                case IAsyncDisposable resource:
                    await resource.DisposeAsync();
                    break;
            }
        }
        _owned.Clear();
    }
}
