using System.Text.Json.Serialization;

namespace PerfSuite.Report.Compare;

/// <summary>Source-generated serialisation of <c>perfsuite/compare@1</c>: camelCase, indented, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CompareReport))]
public sealed partial class CompareJsonContext : JsonSerializerContext;
