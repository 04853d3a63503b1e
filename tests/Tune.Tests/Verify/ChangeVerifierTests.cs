using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Tests.Support;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Tune.Tests.Verify;

public sealed class ChangeVerifierTests : IDisposable
{
    private static readonly ProbeDocument Probe = new(Schemas.Probe, "node-a", "6.18.44", null, DateTimeOffset.UnixEpoch,
    [
        new InterfaceSnapshot("flannel.1", 5, "vxlan", 1500, "UP", null, "02:00:00:00:00:02", 1, 1, null, [], null, null, null, null, null, []),
    ]);
    private static readonly MtuSetting Before = new("flannel.1", 1400);
    private static readonly MtuSetting After = new("flannel.1", 1450);

    private readonly ScratchDirectory _directory = new();
    private readonly InMemoryTunableSystem _system = new InMemoryTunableSystem().Set(Before);

    public void Dispose() => _directory.Dispose();

    /// <summary>Goodput that depends on the tunnel MTU the system holds at the moment of each repetition, with a
    /// fixed sequence of ±1 % noise so the outcome is deterministic.</summary>
    private sealed class TunnelMeasurer(InMemoryTunableSystem system, double before, double after) : IPathMeasurer
    {
        private static readonly double[] Noise = [1.000, 0.992, 1.007, 0.996, 1.010, 0.990, 1.004, 0.998, 1.002, 0.995];

        public List<int> MtuAtEachRepetition { get; } = [];

        public Func<int, Exception?> FailAt { get; set; } = _ => null;

        public string Metric => "goodputBps";

        public bool HigherIsBetter => true;

        public Task<IReadOnlyList<double>> MeasureAsync(string path, int repetitions, CancellationToken cancellationToken)
        {
            Assert.Equal("vxlan", path);
            Assert.Equal(1, repetitions);
            var mtu = ((MtuSetting)system.Current("mtu flannel.1")).Mtu;
            if (FailAt(MtuAtEachRepetition.Count) is { } failure)
                throw failure;
            var noise = Noise[MtuAtEachRepetition.Count % Noise.Length];
            MtuAtEachRepetition.Add(mtu);
            IReadOnlyList<double> sample = [(mtu == After.Mtu ? after : before) * noise];
            return Task.FromResult(sample);
        }
    }

    private TuneJournal NewJournal() =>
        TuneJournal.Create(_directory.File("verify.journal"), null, "node-a", "6.18.44", ["tune", "--apply", "--verify"], Probe, DateTimeOffset.UnixEpoch);

    private static Findings.Finding Finding() => TestFindings.Apply("mtu.tunnel-too-small@flannel.1", After);

    private async Task<Verification> Verify(TunnelMeasurer measurer, int reps = 5)
    {
        using var journal = NewJournal();
        var verifier = new ChangeVerifier(_system, journal, measurer, new VerifyOptions("vxlan", reps));
        return (await verifier.VerifyAsync(Finding(), TestContext.Current.CancellationToken)).Verification;
    }

    [Fact]
    public void Repetitions_alternate_in_pairs_starting_with_the_change_in_place()
    {
        Assert.Equal([true, false, false, true, true, false, false, true], ChangeVerifier.Schedule(4));
    }

    [Fact]
    public async Task A_change_that_helps_beyond_the_noise_is_kept_with_its_numbers()
    {
        // Given goodput 9.0 Gbit/s with the change, 8.0 without, ±1 % noise
        var measurer = new TunnelMeasurer(_system, 8.0e9, 9.0e9);

        // When
        var verification = await Verify(measurer);

        // Then: five interleaved repetitions a side, and the change stays
        Assert.Equal([1450, 1400, 1400, 1450, 1450, 1400, 1400, 1450, 1450, 1400], measurer.MtuAtEachRepetition);
        Assert.Equal(VerifyDecision.Kept, verification.Decision);
        Assert.Equal(5, verification.Before.Count);
        Assert.Equal(5, verification.After.Count);
        Assert.InRange(verification.Ratio!.Estimate, 1.10, 1.15);
        Assert.True(verification.Ratio.Lower > 1);
        Assert.True(verification.PValue < 0.05);
        Assert.StartsWith("helps beyond the noise: goodputBps after/before 1.1", verification.Reason, StringComparison.Ordinal);
        Assert.Equal(After, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public async Task A_change_within_the_noise_is_rolled_back()
    {
        var measurer = new TunnelMeasurer(_system, 8.0e9, 8.0e9);

        var verification = await Verify(measurer);

        Assert.Equal(VerifyDecision.RolledBack, verification.Decision);
        Assert.StartsWith("no gain beyond the noise", verification.Reason, StringComparison.Ordinal);
        Assert.Equal(Before, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public async Task A_change_that_hurts_is_rolled_back_and_said_to_make_it_worse()
    {
        var measurer = new TunnelMeasurer(_system, 8.0e9, 6.0e9);

        var verification = await Verify(measurer);

        Assert.Equal(VerifyDecision.RolledBack, verification.Decision);
        Assert.StartsWith("makes it worse", verification.Reason, StringComparison.Ordinal);
        Assert.Equal(Before, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public async Task A_change_that_breaks_the_path_is_rolled_back()
    {
        var measurer = new TunnelMeasurer(_system, 8.0e9, 0);

        var verification = await Verify(measurer);

        Assert.Equal(VerifyDecision.RolledBack, verification.Decision);
        Assert.Equal("the path measured 0 with the change in place (it broke the path)", verification.Reason);
        Assert.Equal(Before, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public async Task A_measurement_that_fails_with_the_change_undoes_it()
    {
        var measurer = new TunnelMeasurer(_system, 8.0e9, 9.0e9)
        {
            FailAt = i => i == 3 ? new PerfSuiteException(ErrorReason.Failed, "agent in ps-lab-vx-n2p1 died") : null,
        };

        var verification = await Verify(measurer);

        Assert.Equal(VerifyDecision.RolledBack, verification.Decision);
        Assert.Contains("failed with the change (agent in ps-lab-vx-n2p1 died)", verification.Reason, StringComparison.Ordinal);
        Assert.Equal(Before, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public async Task A_change_that_does_not_take_is_not_measured()
    {
        _system.Driver = s => s is MtuSetting m ? m with { Mtu = 1400 } : s;
        var measurer = new TunnelMeasurer(_system, 8.0e9, 9.0e9);

        var verification = await Verify(measurer);

        Assert.Equal(VerifyDecision.NotTaken, verification.Decision);
        Assert.Empty(measurer.MtuAtEachRepetition);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task An_interrupted_verification_is_undone_exactly_by_rollback(int interruptedAt)
    {
        // Given a verification killed (Ctrl-C) at some repetition, with the change in place or not
        var journalPath = _directory.File("verify.journal");
        var measurer = new TunnelMeasurer(_system, 8.0e9, 9.0e9)
        {
            FailAt = i => i == interruptedAt ? new OperationCanceledException() : null,
        };
        await Assert.ThrowsAsync<OperationCanceledException>(() => Verify(measurer));

        // When
        var report = TuneRollback.Run(journalPath, _ => _system, DateTimeOffset.UnixEpoch);

        // Then
        Assert.True(report.AllRestored);
        Assert.Equal(Before, _system.Current("mtu flannel.1"));
    }

    [Fact]
    public void Too_few_repetitions_to_ever_reach_alpha_are_refused()
    {
        var error = Assert.Throws<PerfSuiteException>(() => new VerifyOptions("vxlan", RepetitionsPerSide: 3, Alpha: 0.05).Validate());

        Assert.Equal("3 repetitions per side can never give p < 0.05 (the smallest Mann-Whitney p with 3 is 0.1); use at least 4", error.Message);
    }
}
