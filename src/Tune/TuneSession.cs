using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Tune.Apply;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Journal;
using PerfSuite.Tune.Rules;
using PerfSuite.Tune.Verify;

namespace PerfSuite.Tune;

/// <summary>
/// What <c>perfsuite tune</c> does: read the namespace's facts, run the rules, and with <c>--apply</c> make every
/// applicable finding's changes through a new journal (with <c>--verify</c>, also the measurements, each kept only
/// if it helps). Without <c>--apply</c> nothing is opened for writing.
/// </summary>
public static class TuneSession
{
    public static async Task<TuneReport> RunAsync(TuneRequest request, Func<string?, ITunableSystem> openSystem,
        IPathMeasurer? measurer, CancellationToken cancellationToken)
    {
        if (request.Verify is not null && measurer is null)
            throw new ArgumentException("verifying needs a path measurer", nameof(measurer));
        request.Verify?.Validate();
        var facts = NetworkFactsCollector.Collect(request.Netns);
        var report = Evaluate(facts, request.Options);
        if (!request.Apply)
            return report;

        var candidates = report.Findings
            .Where(f => f.Action == FindingAction.Apply || (request.Verify is not null && f.Action == FindingAction.Measure))
            .ToList();
        // The journal is written even when nothing is to be applied (header and snapshot, no change), so that the
        // next step of an automation, `tune rollback JOURNAL`, finds it and succeeds without changing anything.
        var journalPath = request.JournalPath ?? throw new ArgumentException("applying needs a journal path", nameof(request));
        using var journal = TuneJournal.Create(journalPath, request.Netns, facts.Probe.Hostname, facts.Probe.Kernel,
            request.CommandLine ?? [], facts.Probe, DateTimeOffset.UtcNow);
        if (candidates.Count == 0)
            return report with { Applied = [], Journal = journalPath };
        using var system = openSystem(request.Netns);
        var applied = new List<AppliedFinding>();
        var verified = new List<Verification>();
        if (request.Verify is { } verify)
        {
            var verifier = new ChangeVerifier(system, journal, measurer!, verify);
            foreach (var finding in candidates)
            {
                var (result, verification) = await verifier.VerifyAsync(finding, cancellationToken);
                applied.Add(result);
                verified.Add(verification);
            }
        }
        else
        {
            var applier = new TuneApplier(system, journal);
            foreach (var finding in candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                applied.Add(applier.Apply(finding));
            }
        }
        return report with { Applied = applied, Verified = request.Verify is null ? null : verified, Journal = journalPath };
    }

    /// <summary>The rules over <paramref name="facts"/>, after checking that every interface asked for exists.</summary>
    public static TuneReport Evaluate(NetworkFacts facts, TuneOptions options)
    {
        foreach (var name in options.InterfaceFilter)
        {
            if (facts.Interface(name) is null)
                throw new PerfSuiteException(ErrorReason.NotFound,
                    $"no interface '{name}' in network namespace '{facts.Probe.Netns ?? NetworkNamespace.HostName}'");
        }
        return TuneAdvisor.Evaluate(facts, options);
    }
}
