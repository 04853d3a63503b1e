using System.Text.Json.Serialization;

namespace PerfSuite.Lab.State;

/// <summary>Source-generated serialisation of the lab state document; camelCase like every PerfSuite document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LabState))]
[JsonSerializable(typeof(Fleet.FleetJournal))]
internal sealed partial class LabJsonContext : JsonSerializerContext;
