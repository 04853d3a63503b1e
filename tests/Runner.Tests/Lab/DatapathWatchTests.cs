using System.Diagnostics;
using PerfSuite.Lab;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Runner.Testbeds.Lab;

namespace PerfSuite.Runner.Tests.Lab;

/// <summary>A cell during which a process the path needs dies is failed with the reason, not stored as a slow
/// measurement, and the next cell fails at once.</summary>
[Collection(LabCollection.Name)]
public sealed class DatapathWatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tunnel_process_killed_mid_cell_fails_that_cell_with_the_reason_and_the_next_one_at_once()
    {
        // Given a lab path whose node namespace has a recorded process the path needs (as wireguard-go is for its path)
        ScratchNamespace.RequireRoot();
        var spec = new LabSpec("h2dw", [Datapath.Native], 1500);
        await using var lab = await LabInstance.UpAsync(spec, Cancel);
        var path = lab.Path(Datapath.Native);
        using var tunnel = Process.Start("sleep", "120")!;
        try
        {
            lab.Processes.Record(tunnel.Id, path.NodeNamespaces[0], "fake tunnel process");
            var place = new RunPlace(path.Name, DatapathImplementation.Kernel, 1500, "default", 1500);
            await using var pair = new LabEndpointPair(lab, path, place, new LabPlacement(AgentCpus.None));
            var cell = new TestSpec(TestKind.TcpStream, DurationSeconds: 20, WarmupSeconds: 0);

            // When it is killed with SIGKILL while a cell runs
            var measuring = pair.MeasureAsync(cell, Cancel);
            await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
            tunnel.Kill();

            // Then that cell fails naming the process, and so does the next, before any traffic
            var during = await Assert.ThrowsAsync<PerfSuiteException>(() => measuring);
            Assert.Equal(ErrorReason.Failed, during.Reason);
            Assert.Contains("fake tunnel process", during.Message, StringComparison.Ordinal);
            Assert.Contains($"pid {tunnel.Id}", during.Message, StringComparison.Ordinal);
            var next = await Assert.ThrowsAsync<PerfSuiteException>(() => pair.MeasureAsync(cell, Cancel));
            Assert.Contains("fake tunnel process", next.Message, StringComparison.Ordinal);
        }
        finally
        {
            if (!tunnel.HasExited)
                tunnel.Kill();
        }
    }

    [Fact]
    public async Task A_tunnel_device_set_down_mid_cell_fails_that_cell_with_the_device_and_the_next_one_at_once()
    {
        // Given a vxlan lab path measured by a pair of agents
        ScratchNamespace.RequireRoot();
        var spec = new LabSpec("h2dv", [Datapath.Vxlan], 1500);
        await using var lab = await LabInstance.UpAsync(spec, Cancel);
        var path = lab.Path(Datapath.Vxlan);
        var node = path.NodeNamespaces[0];
        var tunnel = Shell.Run("ip", "-n", node, "-o", "link", "show", "type", "vxlan").Split(':')[1].Trim().Split('@')[0];
        var place = new RunPlace(path.Name, DatapathImplementation.Kernel, 1500, "default", 1500);
        await using var pair = new LabEndpointPair(lab, path, place, new LabPlacement(AgentCpus.None));
        var cell = new TestSpec(TestKind.TcpStream, DurationSeconds: 20, WarmupSeconds: 0);

        // When its vxlan device in the client's node is set down while a cell runs
        var measuring = pair.MeasureAsync(cell, Cancel);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        var downAt = Stopwatch.StartNew();
        Shell.Run("ip", "-n", node, "link", "set", tunnel, "down");

        // Then that cell fails naming the device, within seconds, and so does the next, before any traffic
        var reason = $"the vxlan datapath broke: device {tunnel} in {node} was set down";
        var during = await Assert.ThrowsAsync<PerfSuiteException>(() => measuring);
        Assert.Equal(ErrorReason.Failed, during.Reason);
        Assert.Equal(reason, during.Message);
        Assert.True(downAt.Elapsed < TimeSpan.FromSeconds(15), $"the cell ended {downAt.Elapsed.TotalSeconds:0.0} s after the device went down");
        var next = await Assert.ThrowsAsync<PerfSuiteException>(() => pair.MeasureAsync(cell, Cancel));
        Assert.Equal(reason, next.Message);
    }

    [Fact]
    public async Task A_route_removed_mid_cell_stalls_the_stream_and_fails_the_cell_as_stalled()
    {
        // Given a native lab path, every device of which stays up
        ScratchNamespace.RequireRoot();
        var spec = new LabSpec("h2ds", [Datapath.Native], 1500);
        await using var lab = await LabInstance.UpAsync(spec, Cancel);
        var path = lab.Path(Datapath.Native);
        var clientNode = path.Nodes.Single(n => n.Number == path.Pods.Single(p => p.Namespace == path.Client!.Namespace).Node);
        var serverCidr = path.Nodes.Single(n => n.PodCidr.Contains(path.Server!.Address)).PodCidr;
        var place = new RunPlace(path.Name, DatapathImplementation.Kernel, 1500, "default", 1500);
        await using var pair = new LabEndpointPair(lab, path, place, new LabPlacement(AgentCpus.None));
        var cell = new TestSpec(TestKind.TcpStream, DurationSeconds: 20, WarmupSeconds: 0);

        // When the client's node loses its route to the server's pods while a cell runs
        var measuring = pair.MeasureAsync(cell, Cancel);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        var cutAt = Stopwatch.StartNew();
        Shell.Run("ip", "-n", clientNode.Namespace, "route", "del", serverCidr.ToString());

        // Then the cell fails as stalled at the server pod, long before its 20 s are over
        var during = await Assert.ThrowsAsync<PerfSuiteException>(() => measuring);
        Assert.Equal(ErrorReason.Failed, during.Reason);
        Assert.StartsWith($"the native datapath stalled: no packet reached the server pod ({path.Server!.Device} in {path.Server.Namespace}) for ",
            during.Message, StringComparison.Ordinal);
        Assert.True(cutAt.Elapsed < TimeSpan.FromSeconds(15), $"the cell ended {cutAt.Elapsed.TotalSeconds:0.0} s after the route went");
    }

    [Fact]
    public async Task The_watch_reports_nothing_while_the_processes_live_and_the_reason_once_one_ends()
    {
        // Given a watched process
        using var process = Process.Start("sleep", "120")!;
        var record = PerfSuite.Lab.State.LabProcessRecord.Of(process.Id, "ps-h2dw-nat-n1", "wireguard-go")!;
        var watch = new DatapathWatch("wireguard", [record]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        try
        {
            Assert.Null(watch.Broken());
            var watching = watch.UntilBrokenAsync(stop.Token);

            // When it ends
            process.Kill();

            // Then the watch says which and where
            var reason = await watching.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            Assert.Equal($"the wireguard datapath broke: wireguard-go (pid {process.Id}) in ps-h2dw-nat-n1 is gone", reason);
            Assert.Equal(reason, watch.Broken());
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }
}
