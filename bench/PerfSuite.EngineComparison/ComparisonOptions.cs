using System.Globalization;

namespace PerfSuite.EngineComparison;

/// <summary>What <c>bench/compare-engines</c> passes on: the lab to use and how long and how often to measure.</summary>
/// <param name="Lab">Name of a lab that is up with the native and vxlan paths (<c>perfsuite lab up --name</c>).</param>
/// <param name="Repetitions">Repetitions of every measurement, interleaved across paths and tools.</param>
/// <param name="DurationSeconds">Measurement window of every stream and request/response measurement.</param>
/// <param name="WarmupSeconds">Traffic before the window, left out of it (slow start), for every tool alike.</param>
/// <param name="MessageBytes">Request and response size of the request/response comparison.</param>
/// <param name="Output">The Markdown file the ratios go to.</param>
public sealed record ComparisonOptions(string Lab, int Repetitions, double DurationSeconds, double WarmupSeconds, int MessageBytes,
    string Output)
{
    public const string Usage =
        "usage: PerfSuite.EngineComparison --lab NAME [--reps 11] [--duration 3] [--warmup 1] [--message-bytes 64] [--out results/bench/engines.md]";

    public static ComparisonOptions Parse(IReadOnlyList<string> args)
    {
        string? lab = null, output = "results/bench/engines.md";
        int repetitions = 11, messageBytes = 64;
        double duration = 3, warmup = 1;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--lab": lab = Value(); break;
                case "--reps": repetitions = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(Value().TrimEnd('s'), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Value().TrimEnd('s'), CultureInfo.InvariantCulture); break;
                case "--message-bytes": messageBytes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--out": output = Value(); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (lab is null)
            throw new ArgumentException("--lab is required");
        if (repetitions < 1 || duration < 1 || warmup < 0 || messageBytes < 14)
            throw new ArgumentException("need --reps ≥ 1, --duration ≥ 1 s, --warmup ≥ 0 s and --message-bytes ≥ 14 (sockperf's minimum)");
        return new ComparisonOptions(lab, repetitions, duration, warmup, messageBytes, output);
    }
}
