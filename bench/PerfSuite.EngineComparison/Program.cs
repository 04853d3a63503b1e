namespace PerfSuite.EngineComparison;

/// <summary>The comparison behind <c>bench/compare-engines</c>, which builds the lab, runs this and removes the lab.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ComparisonOptions options;
        try
        {
            options = ComparisonOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"compare-engines: {e.Message}\n{ComparisonOptions.Usage}");
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            var report = await new ComparisonRun(options, Console.Out).RunAsync(cancel.Token);
            report.WriteSummary(Console.Out);
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.Output))!;
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(options.Output, report.Markdown(InvokedAs(args)));
            Console.WriteLine($"written: {options.Output}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("compare-engines: interrupted");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or Model.Errors.PerfSuiteException)
        {
            await Console.Error.WriteLineAsync($"compare-engines: {e.Message}");
            return 1;
        }
    }

    /// <summary>The command a person typed: the arguments less the lab and output that bench/compare-engines adds.</summary>
    private static string InvokedAs(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--lab" or "--out")
                i++;
            else
                kept.Add(args[i]);
        }
        return string.Join(' ', ["bench/compare-engines", .. kept]);
    }
}
