using System.Text.Json;

namespace PerfSuite.Uml.Tests.Support;

/// <summary>
/// A native lab (<c>perfsuite lab up --paths native</c>) whose wire the netem tests shape with tc, measured through
/// the CLI alone: <c>perfsuite lab up</c> cannot take a qdisc and <c>perfsuite run</c> builds a lab of its own, so the
/// measuring side is remote mode pointed at the lab's pods (an agent listening in pod 2, <c>run --peer --netns</c> in
/// pod 1). Removed on dispose, with every qdisc, whatever happened.
/// </summary>
public sealed class NetemLab : IAsyncLifetime
{
    public const string Lab = "umlnetem";
    public const string Path = "native";
    private const string Token = "uml-netem-oracle";
    private const string ServerAddress = "10.42.2.2";
    private AgentProcessUnderTest? _agent;

    public static string Node(int n) => $"ps-{Lab}-nat-n{n}";

    public static string Pod(int n) => $"ps-{Lab}-nat-n{n}p1";

    public async ValueTask InitializeAsync()
    {
        if (!UmlGuest.IsInside || !Environment.IsPrivilegedProcess)
            return;
        PerfSuiteCli.Run("lab", "up", "--paths", Path, "--name", Lab).Succeeded();
        _agent = await AgentProcessUnderTest.StartAsync("--listen", $"{ServerAddress}:7400", "--netns", Pod(2), "--token", Token);
    }

    /// <summary>Replaces the root qdisc of <paramref name="device"/> in <paramref name="netns"/> with
    /// <c>netem ARGS</c>.</summary>
    public static void Netem(string netns, string device, params string[] args) =>
        Shell.Run("ip", ["netns", "exec", netns, "tc", "qdisc", "replace", "dev", device, "root", "netem", .. args]);

    /// <summary>Puts every qdisc back to the kernel's default.</summary>
    public static void ClearQdiscs()
    {
        foreach (var ns in new[] { Node(1), Node(2), Pod(1), Pod(2) })
            Shell.TryRun("ip", "netns", "exec", ns, "tc", "qdisc", "del", "dev", "eth0", "root");
    }

    /// <summary>One cell of <paramref name="test"/> from pod 1 to pod 2 across the lab's wire, as it is now.</summary>
    public JsonElement Measure(string test, string duration)
    {
        HostSkips.UnlessInsideUml(_agent is not null);
        var results = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"uml-netem-{Guid.NewGuid():N}.json");
        try
        {
            PerfSuiteCli.Run("run", "--peer", $"{ServerAddress}:7400", "--token", Token, "--netns", Pod(1), "--paths", Path,
                "--tests", test, "--reps", "1", "--duration", duration, "--warmup", "0.5s", "--out", results).Succeeded();
            using var document = JsonDocument.Parse(File.ReadAllText(results));
            var cell = Assert.Single(document.RootElement.GetProperty("cells").EnumerateArray());
            Assert.Equal("ok", cell.GetProperty("status").GetString());
            return cell.GetProperty("metrics").Clone();
        }
        finally
        {
            File.Delete(results);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (UmlGuest.IsInside && Environment.IsPrivilegedProcess)
            PerfSuiteCli.Run("lab", "down", Lab);
    }
}
