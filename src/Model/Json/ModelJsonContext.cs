using System.Text.Json.Serialization;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Probe;

namespace PerfSuite.Model.Json;

/// <summary>Source-generated serialisation for every document in Model. camelCase, indented, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CeilingDocument))]
[JsonSerializable(typeof(ProbeDocument))]
[JsonSerializable(typeof(FeatureChangeReport))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
