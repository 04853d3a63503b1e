using System.Globalization;
using System.Net;
using PerfSuite.LoadGen.Agent;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Testbeds.Fleet;

/// <summary>
/// One host of a fleet run: the connection to its <c>perfsuite agent --allow-lab</c>, holding the agent's lease from
/// <see cref="BeginAsync"/> until disposed (a renewal every <see cref="RenewInterval"/>, well inside the
/// <see cref="LeaseSeconds"/> the agent waits before it tears the run down by itself). Disposing asks the agent to
/// remove what it built and restore its NIC, then closes the connection; were this process killed instead, the closed
/// connection tells the agent to do the same.
/// </summary>
internal sealed class FleetAgent : IAsyncDisposable
{
    public const double LeaseSeconds = 10;
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop = new();
    private Task? _renewing;

    private FleetAgent(int number, RemotePeer address, IPEndPoint control, AgentClient client)
    {
        Number = number;
        Address = address;
        Control = control;
        Client = client;
    }

    /// <summary>1..N in the order of --hosts: the last octet of its nodes' addresses.</summary>
    public int Number { get; }

    public RemotePeer Address { get; }

    public IPEndPoint Control { get; }

    public AgentClient Client { get; }

    /// <summary>The host's name in results (the agent's --name), known after <see cref="BeginAsync"/>.</summary>
    public string Name { get; private set; } = "";

    public string Nic { get; private set; } = "";

    public int NicMtu { get; private set; }

    public ProbeDocument? Snapshot { get; private set; }

    /// <summary>The line rate of the wire under the NIC under test, read once from <see cref="Snapshot"/> (a physical
    /// NIC's link speed, a VLAN's parent's); null when there is none to know (a veth, a NIC that reports no speed, a down
    /// link).</summary>
    public WireLineRate? LineRate { get; private set; }

    /// <summary>The names of the host's links, from <see cref="BeginAsync"/> on (empty from an older agent).</summary>
    public IReadOnlyList<string> Devices { get; private set; } = [];

    /// <summary>Whether the agent verifies paths (<c>lab-verify</c>, <c>lab-answer-probes</c>): false for an agent older
    /// than path verification in fleet runs, known after <see cref="BeginAsync"/>.</summary>
    public bool Verifies { get; private set; }

    public static async Task<FleetAgent> ConnectAsync(int number, RemotePeer address, CancellationToken cancel)
    {
        var control = await address.ResolveAsync(cancel);
        var client = await AgentClient.ConnectTcpAsync(control, address.Token, address.ConnectTimeout, cancel,
            LoadGen.Traffic.NetworkScope.Of(address.LocalNetns));
        return new FleetAgent(number, address, control, client);
    }

    /// <summary>Takes the lease and starts lab <paramref name="lab"/>; <paramref name="peer"/> is another host, whose
    /// route names the NIC under test on an agent started without --nic.</summary>
    public async Task BeginAsync(string lab, IPAddress peer, CancellationToken cancel)
    {
        LabBegunReply begun;
        try
        {
            begun = await Client.LabAsync<LabBegunReply>(new LabBeginRequest
            {
                Lab = lab,
                Host = Number,
                LeaseSeconds = LeaseSeconds,
                Peer = peer.ToString(),
            }, cancel);
        }
        catch (PerfSuiteException e)
        {
            throw new PerfSuiteException(e.Reason, $"host {Address}: {e.Message}");
        }
        (Name, Nic, NicMtu, Snapshot, Devices) = (begun.Name, begun.Nic, begun.NicMtu, begun.Snapshot, begun.Devices ?? []);
        LineRate = Snapshot is { } snapshot ? WireLineRate.Of([snapshot], Nic, Name) : null;
        Verifies = begun.Requests is { } requests && requests.Contains(LabVerifyRequest.Name) && requests.Contains(LabAnswerProbesRequest.Name);
        _renewing = RenewAsync(_stop.Token);
    }

    public async Task<T> AskAsync<T>(LabRequest request, CancellationToken cancel) where T : ControlReply
    {
        try
        {
            return await Client.LabAsync<T>(request, cancel);
        }
        catch (PerfSuiteException e)
        {
            throw new PerfSuiteException(e.Reason, $"host {Name} ({Address}): {e.Message}");
        }
    }

    public async Task<ProbeDocument> SnapshotAsync(CancellationToken cancel) =>
        (await AskAsync<LabSnapshotReply>(new LabSnapshotRequest(), cancel)).Snapshot;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Address}, {Nic})");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_renewing is not null)
            await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_renewing is not null)
        {
            try
            {
                await Client.LabAsync<LabDoneReply>(new LabEndRequest(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (Exception e) when (e is PerfSuiteException or TimeoutException)
            {
                // Closing the connection below ends the lease: the agent tears the run down by itself.
            }
        }
        await Client.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(RenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await Client.LabAsync<LabDoneReply>(new LabRenewRequest(), stop);
                }
                catch (PerfSuiteException)
                {
                    // A broken connection fails the next cell with its reason; the agent has already torn down.
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
