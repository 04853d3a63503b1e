using System.Text.Json.Serialization;

namespace PerfSuite.LoadGen.Agent;

/// <summary>Source-generated serialisation of the control protocol: camelCase, one line per message (not indented),
/// enums as their wire names, shallow nesting only.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    UseStringEnumConverter = true,
    AllowOutOfOrderMetadataProperties = true,
    MaxDepth = 16,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ControlRequest))]
[JsonSerializable(typeof(ControlReply))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
