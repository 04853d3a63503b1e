using System.Diagnostics;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>tcpdump on an interface inside a namespace, writing a pcap file; started before the traffic (it waits
/// until tcpdump says it is listening) and stopped with SIGINT. The file is removed on Dispose.</summary>
internal sealed class PacketCapture : IDisposable
{
    private readonly Process _process;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ps-capture-{Guid.NewGuid():N}.pcap");
    private bool _stopped;

    public PacketCapture(string netns, string device, string filter = "")
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["netns", "exec", netns, "tcpdump", "-Z", "root", "--immediate-mode", "-i", device, "-n", "-U", "-s", "0", "-w", _path])
            psi.ArgumentList.Add(a);
        foreach (var word in filter.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            psi.ArgumentList.Add(word);
        _process = Process.Start(psi)!;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var line = _process.StandardError.ReadLine();
            if (line is null)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"tcpdump exited with code {_process.ExitCode} before listening");
            }
            if (line.Contains("listening on", StringComparison.Ordinal))
                break;
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("tcpdump did not start listening");
        }
        _ = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Stops tcpdump and returns the Ethernet frames it captured.</summary>
    public IReadOnlyList<byte[]> Stop()
    {
        if (!_stopped)
        {
            _stopped = true;
            // -U writes each packet as it comes; give the last ones a moment to pass the wire before stopping.
            Thread.Sleep(200);
            Shell.Run("kill", "-INT", $"{_process.Id}");
            if (!_process.WaitForExit(10_000))
                _process.Kill();
            _process.WaitForExit();
        }
        var (linkType, frames) = PcapFile.Read(_path);
        Assert.Equal(PcapFile.LinkTypeEthernet, linkType);
        return frames;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        File.Delete(_path);
    }
}
