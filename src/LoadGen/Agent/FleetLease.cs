using PerfSuite.Lab.Fleet;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>
/// The runner's hold on a fleet agent's <see cref="FleetSite"/>: one control connection at a time owns it (another gets
/// <c>busy</c>). The hold ends when the owner sends lab-end, when its connection closes (the runner was killed: the
/// kernel closes its socket), or when it has said nothing for its lease time (the network between them is gone); each
/// way the site is torn down (namespaces removed, NIC features restored). Requests are serialised.
/// </summary>
internal sealed class FleetLease(FleetSite site) : IAsyncDisposable
{
    /// <summary>How often expiry is checked: with the 10 s lease a runner asks for, a silent runner's run is gone in
    /// at most 11 s plus the teardown.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);
    private const double MaxLeaseSeconds = 60;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private object? _owner;
    private DateTime _expires;
    private TimeSpan _lease;
    private Task? _watch;

    public FleetSite Site => site;

    /// <summary>Serves one lab request from connection <paramref name="owner"/>.</summary>
    public async Task<ControlReply> HandleAsync(object owner, LabRequest request, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            if (request is LabBeginRequest begin)
                return Begin(owner, begin);
            if (!ReferenceEquals(_owner, owner))
                throw _owner is null
                    ? new PerfSuiteException(ErrorReason.InvalidArgument, "no fleet run is under way on this connection (lab-begin first)")
                    : Busy();
            _expires = DateTime.UtcNow + _lease;
            try
            {
                return await HandleOwnedAsync(request, cancel);
            }
            finally
            {
                _expires = DateTime.UtcNow + _lease;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Traffic requests read the site without the gate: they come between lab requests of the same runner.</summary>
    public bool OwnsPod(string netns) => _owner is not null && site.OwnsPod(netns);

    public bool IsPeerPod(System.Net.IPAddress address) => _owner is not null && site.IsPeerPod(address);

    /// <summary>The connection <paramref name="owner"/> has closed: if it held the lease, its run is torn down now.</summary>
    public async Task ReleaseAsync(object owner)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (ReferenceEquals(_owner, owner))
                await EndAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
            await _watch.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await EndAsync();
        }
        finally
        {
            _gate.Release();
        }
        _stop.Dispose();
    }

    private LabBegunReply Begin(object owner, LabBeginRequest request)
    {
        if (_owner is not null)
            throw Busy();
        if (!double.IsFinite(request.LeaseSeconds) || request.LeaseSeconds is < 1 or > MaxLeaseSeconds)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"a lease lasts 1 to {MaxLeaseSeconds:0} s, not {request.LeaseSeconds}");
        System.Net.IPAddress? peer = null;
        if (request.Peer is not null && !System.Net.IPAddress.TryParse(request.Peer, out peer))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"peer '{request.Peer}' is not an IP address");
        site.Begin(request.Lab, request.Host, peer);
        _owner = owner;
        _lease = TimeSpan.FromSeconds(request.LeaseSeconds);
        _expires = DateTime.UtcNow + _lease;
        _watch ??= WatchAsync(_stop.Token);
        return new LabBegunReply
        {
            Id = request.Id,
            Name = site.Agent,
            Nic = site.Nic,
            NicMtu = site.NicMtu(),
            Snapshot = site.Snapshot(),
            Devices = site.Devices(),
            Requests = [LabVerifyRequest.Name, LabAnswerProbesRequest.Name],
        };
    }

    private async Task<ControlReply> HandleOwnedAsync(LabRequest request, CancellationToken cancel)
    {
        switch (request)
        {
            case LabRenewRequest:
                return new LabDoneReply { Id = request.Id };
            case LabOffloadsRequest offloads:
                return new LabOffloadsReply
                {
                    Id = request.Id,
                    Nic = site.ApplyOffloads(new Dictionary<string, bool>(offloads.Changes, StringComparer.Ordinal)),
                    Snapshot = site.Snapshot(),
                };
            case LabPrepareRequest prepare:
                return new LabNodeReply { Id = request.Id, Facts = await site.PrepareAsync(PathOf(prepare.Path), prepare.PeerCount, cancel) };
            case LabConnectRequest connect:
                return new LabConnectedReply { Id = request.Id, Tunnels = await site.ConnectAsync(PathOf(connect.Path), connect.Peers, cancel) };
            case LabAnswerProbesRequest answer:
                {
                    var endPoint = site.AnswerProbes(PathOf(answer.Path));
                    return new LabAnsweringReply { Id = request.Id, Address = endPoint.Address.ToString(), Port = endPoint.Port };
                }
            case LabVerifyRequest verify:
                {
                    var path = PathOf(verify.Path);
                    // Probing waits on sockets for up to a few seconds: off the session's thread.
                    return new LabVerifiedReply { Id = request.Id, Verification = await Task.Run(() => site.Verify(path, verify.Receiver, verify.Port), cancel) };
                }
            case LabSnapshotRequest:
                return new LabSnapshotReply { Id = request.Id, Snapshot = site.Snapshot() };
            case LabEndRequest:
                await EndAsync();
                return new LabDoneReply { Id = request.Id };
            default:
                throw new PerfSuiteException(ErrorReason.Protocol, $"unexpected lab request {request.GetType().Name}");
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (_owner is null || DateTime.UtcNow < _expires || !await _gate.WaitAsync(0, stop))
                    continue;
                try
                {
                    if (_owner is not null && DateTime.UtcNow >= _expires)
                        await EndAsync();
                }
                catch (PerfSuiteException)
                {
                    // What could not be undone stays in the journal; the next start of this agent repairs it.
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The agent is shutting down; DisposeAsync ends the run.
        }
    }

    private async Task EndAsync()
    {
        _owner = null;
        await site.EndAsync();
    }

    private static PerfSuiteException Busy() =>
        new(ErrorReason.Busy, "another runner holds this agent's lab lease; wait for its run to end");

    private static Datapath PathOf(string name) =>
        Datapath.TryParse(name, out var path) ? path : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"unknown datapath '{name}'");
}
