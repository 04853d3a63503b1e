using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PerfSuite.Model.Results;

namespace PerfSuite.Benchmarks.Results;

/// <summary>Reading and writing a results document: a real <c>perfsuite run</c> of native and vxlan at MTU 1500 and
/// 9000, tcp-stream and tcp-rr, 3 repetitions (24 cells with timelines, histograms and probe snapshots, 290 KB),
/// recorded on this machine.</summary>
[MemoryDiagnoser]
public class ResultsDocumentBenchmarks
{
    private byte[] _utf8 = [];
    private ResultsDocument _document = null!;
    private string _directory = "";
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = EmbeddedFixtures.Bytes("results/lab-run.json");
        _document = ResultsReader.Parse(_utf8, "lab-run.json");
        // tmpfs where there is one: the benchmark is about serialising and the atomic rename, not the disk's fsync.
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, $"perfsuite-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_directory);
        _path = Path.Combine(_directory, "results.json");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>What Report, Gate and Tune do first: validate, deserialise, summarise.</summary>
    [Benchmark]
    public ResultsDocument Read() => ResultsReader.Parse(_utf8, "lab-run.json");

    [Benchmark]
    public IReadOnlyList<GroupSummary> Summarize() => ResultsSummarizer.Summarize(_document.Cells);

    /// <summary>The serialisation alone, into memory, through the source-generated context the writer uses.</summary>
    [Benchmark]
    public long Serialize()
    {
        using var stream = new MemoryStream(_utf8.Length + 4096);
        JsonSerializer.Serialize(stream, _document, ResultsJsonContext.Default.ResultsDocument);
        return stream.Length;
    }

    /// <summary>The whole write: temporary file, flush to disk, rename over the target.</summary>
    [Benchmark]
    public void WriteAtomic() => ResultsWriter.WriteAtomic(_document, _path);
}
