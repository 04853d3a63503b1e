using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>Source-generated serialisation of results documents and journals: camelCase, enums as strings,
/// required constructor parameters enforced so that a document missing a field is refused with its position.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ResultsDocument))]
[JsonSerializable(typeof(ResultsJournalHeader))]
[JsonSerializable(typeof(CellResult))]
public sealed partial class ResultsJsonContext : JsonSerializerContext;
