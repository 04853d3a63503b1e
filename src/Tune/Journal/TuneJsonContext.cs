using System.Text.Json.Serialization;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Journal;

/// <summary>Source-generated serialisation of Tune's documents: the report and the journal lines. camelCase,
/// enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TuneJournalRecord))]
[JsonSerializable(typeof(TuneReport))]
[JsonSerializable(typeof(PerfSuite.Tune.Apply.RollbackReport))]
public sealed partial class TuneJsonContext : JsonSerializerContext;
