using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using PerfSuite.Cli;

namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>
/// Every option and argument of every command, read from the CLI's own command tree (so a new one is fuzzed without
/// being listed here), given every boundary value (<see cref="BoundaryValues"/>): the command must end in time with
/// exit 0/1/3 or with exit 2 and one line, never a trace, and write nothing outside the test's folder. Commands that
/// only read and write files run in this process (<see cref="FuzzInProcess"/>); the others run as nobody, each in its
/// own process, from a harmless starting line (<see cref="Starts"/>), so none can build a lab, apply a setting or send
/// traffic, whatever the fuzzed value makes of it. With <c>$PERFSUITE_EXECUTABLE</c> naming the native binary (as
/// under ./run-tests) a process starts in milliseconds; with the JIT build it takes about 0.1 s on a quiet machine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(FuzzCollection.Name)]
public sealed class CommandLineFuzzTests(ITestOutputHelper output)
{
    /// <summary>Generous on 2 loaded cores: the JIT CLI starts in about 0.1 s; a case that needs this long hangs.</summary>
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(30);

    /// <summary>Commands never fuzzed, with the reason.</summary>
    private static readonly Dictionary<string, string> NotFuzzed = new(StringComparer.Ordinal)
    {
        ["lab clean"] = "removes every lab without a name; it has no option or argument to fuzz",
    };

    /// <summary>Where each command's fuzzed lines start (positional arguments, then options): lines that end before
    /// anything changes, whatever one option or argument is changed to (as nobody: the lab, tune --apply and agents
    /// with --allow-lab need root; an agent's --owner names a process that is not running, checked before it listens;
    /// no --peer or --hosts, so nothing is sent; the k8s commands that talk to a cluster get a kubeconfig that does not
    /// exist, and nobody has none of its own, so no API server is ever asked). {results}, {journal} and {sandbox} are files in the test's folder.</summary>
    private static readonly Dictionary<string, (string[] Arguments, string[] Options)[]> Starts = new(StringComparer.Ordinal)
    {
        ["probe"] = [([], []), ([], ["--iface", "lo"])],
        ["ceiling"] = [([], [])],
        ["lab up"] = [([], ["--paths", "native"])],
        ["lab down"] = [(["hdnone1"], [])],
        ["lab list"] = [([], [])],
        ["run"] = [([], ["--paths", "native", "--tests", "tcp-rr", "--reps", "1", "--duration", "1s"])],
        ["report"] = [(["{results}"], [])],
        ["results recover"] = [(["{journal}"], [])],
        ["gate"] = [([], ["--baseline", "{results}", "--current", "{results}"])],
        ["compare"] = [(["{results}", "{results}"], [])],
        ["agent"] =
        [
            ([], ["--control", "{sandbox}/agent.sock", "--owner", "1:1"]),
            ([], ["--listen", "127.0.0.1:0", "--token", "ps-hd-fuzz-token-0123456789abcdef", "--owner", "1:1"]),
        ],
        ["tunnel ipip"] =
        [
            ([], ["--netns", "ps-hdnone", "--local", "198.18.0.1", "--remote", "198.18.0.2"]),
            ([], ["--netns", "ps-hdnone", "--local", "198.18.0.1", "--remote", "198.18.0.2", "--route", "10.42.3.0/24=198.18.0.3"]),
        ],
        ["tune"] = [([], [])],
        ["tune rollback"] = [(["{sandbox}/none.journal"], [])],
        ["k8s manifests"] = [([], ["--nodes", "node-a,node-b"])],
        ["k8s deploy"] = [([], ["--kubeconfig", "{sandbox}/none.kubeconfig", "--nodes", "node-a,node-b"])],
        ["k8s run"] = [([], ["--kubeconfig", "{sandbox}/none.kubeconfig", "--nodes", "node-a,node-b", "--paths", "native"])],
        ["k8s clean"] = [([], ["--kubeconfig", "{sandbox}/none.kubeconfig"])],
    };

    [Fact(Timeout = 30 * 60 * 1000)]
    public async Task Every_option_of_every_command_given_boundary_values_exits_cleanly()
    {
        // Given the command tree, a results file and a journal in the test's folder
        Requires.Root("to run the fuzzed commands as nobody, who can change nothing outside the test's folder");
        using var sandbox = new FuzzSandbox();
        var results = sandbox.File("results.json");
        PerfSuite.Model.Results.ResultsWriter.WriteAtomic(SampleRun.Lab(), results);
        var journal = FuzzDocuments.WriteResultsJournal(sandbox.File("interrupted.json"));
        string Fill(string token) => token.Replace("{results}", results, StringComparison.Ordinal)
            .Replace("{journal}", journal, StringComparison.Ordinal).Replace("{sandbox}", sandbox.WorkingDirectory, StringComparison.Ordinal);
        var commands = Leaves(PerfSuiteApp.BuildRoot(TextWriter.Null, TextWriter.Null), []).ToList();
        Assert.DoesNotContain(commands, c => !Starts.ContainsKey(c.Path) && !NotFuzzed.ContainsKey(c.Path));
        var cases = commands.Where(c => !NotFuzzed.ContainsKey(c.Path))
            .SelectMany(c => Cases(c.Path, c.Command).Select(args => (InProcess: FuzzInProcess.Commands.Contains(c.Path), Args: args.Select(Fill).ToArray())))
            .ToList();

        // When each runs: in this process one after another, or as nobody, as many at once as there are CPUs
        var failures = new System.Collections.Concurrent.ConcurrentBag<FuzzFailure>();
        void Judge(string[] args, FuzzOutcome outcome)
        {
            if (FuzzVerdict.Judge(outcome) is { } problem)
                failures.Add(new FuzzFailure("perfsuite " + string.Join(' ', args.Select(a => a.Length == 0 ? "''" : a)), problem, outcome));
        }
        var stopwatch = Stopwatch.StartNew();
        var inProcess = cases.Where(c => c.InProcess).Select(c => c.Args).ToList();
        foreach (var args in inProcess)
            Judge(args, await FuzzInProcess.RunAsync(args, sandbox.WorkingDirectory, sandbox.File("xdg"), CaseLimit));
        var inProcessTime = stopwatch.Elapsed;
        var processes = cases.Where(c => !c.InProcess).Select(c => c.Args).ToList();
        await Parallel.ForEachAsync(processes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = TestContext.Current.CancellationToken },
            async (args, _) => Judge(args, await sandbox.RunAsync(args, asNobody: true, CaseLimit)));
        output.WriteLine($"{cases.Count} command lines over {commands.Count} commands: {inProcess.Count} in this process in {inProcessTime.TotalSeconds:0.0} s, "
            + $"{processes.Count} as processes of {BuiltCli.CommandLine()[0]} in {(stopwatch.Elapsed - inProcessTime).TotalSeconds:0.0} s");

        // Then every one ended cleanly, and nothing was written outside the folder
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} fuzzed command lines broke the rules:\n"
            + string.Join('\n', failures.OrderBy(f => f.Case, StringComparer.Ordinal).Take(40)));
        Assert.Empty(sandbox.WrittenOutsideByNobody());
    }

    [Fact]
    public void The_fuzzer_sees_every_option_of_the_command_tree()
    {
        // A new option is fuzzed without being listed: the cases come from the tree the CLI runs.
        var run = Leaves(PerfSuiteApp.BuildRoot(TextWriter.Null, TextWriter.Null), []).Single(c => c.Path == "run");
        var cases = Cases("run", run.Command).ToList();

        foreach (var option in run.Command.Options.Where(o => o is not HelpOption))
            Assert.Contains(cases, args => args.Contains(option.Name) || args.Any(a => a.StartsWith(option.Name + "=", StringComparison.Ordinal)));
        Assert.Contains(cases, args => args.Contains(BoundaryValues.NotUtf8));
    }

    /// <summary>Every command that runs something, with its words ("tune rollback").</summary>
    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string[] words)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] path = [.. words, sub.Name];
            if (sub.Action is not null)
                yield return (string.Join(' ', path), sub);
            foreach (var leaf in Leaves(sub, path))
                yield return leaf;
        }
    }

    /// <summary>Each option (not help) and each argument in turn given each boundary value, from the first start of
    /// the command that names the option (else its first); a flag also alone and as --flag=VALUE.</summary>
    private static IEnumerable<string[]> Cases(string path, Command command)
    {
        var words = path.Split(' ');
        var starts = Starts[path];
        foreach (var option in command.Options.Where(o => o is not HelpOption and not VersionOption))
        {
            var (arguments, options) = starts.FirstOrDefault(s => s.Options.Contains(option.Name), starts[0]);
            var others = Without(options, option.Name);
            var flag = option.ValueType == typeof(bool);
            if (flag)
                yield return [.. words, .. arguments, .. others, option.Name];
            foreach (var value in BoundaryValues.All)
            {
                yield return flag
                    ? [.. words, .. arguments, .. others, $"{option.Name}={value}"]
                    : [.. words, .. arguments, .. others, option.Name, value];
            }
        }
        var (firstArguments, firstOptions) = starts[0];
        for (var i = 0; i < command.Arguments.Count && i < Math.Max(1, firstArguments.Length); i++)
        {
            foreach (var value in BoundaryValues.All)
            {
                var changed = firstArguments.Length == 0 ? [value] : firstArguments.ToArray();
                changed[i] = value;
                yield return [.. words, .. changed, .. firstOptions];
            }
        }
    }

    /// <summary><paramref name="options"/> without <paramref name="name"/> and its value.</summary>
    private static string[] Without(string[] options, string name)
    {
        var kept = new List<string>();
        for (var i = 0; i < options.Length; i++)
        {
            if (options[i] == name)
                i++;
            else
                kept.Add(options[i]);
        }
        return [.. kept];
    }
}
