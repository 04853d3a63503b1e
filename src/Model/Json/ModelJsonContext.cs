using System.Text.Json.Serialization;
using PerfSuite.Model.Ceiling;

namespace PerfSuite.Model.Json;

/// <summary>Source-generated serialisation for every document in Model. camelCase, indented, enums as strings.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CeilingDocument))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
