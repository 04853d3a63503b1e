using System.Text.Json.Serialization;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Which end of a test a result comes from. The receiver is the side that listens (the stream receiver,
/// the request/response server); the sender connects (the stream sender, the request/response client).</summary>
public enum SideRole
{
    [JsonStringEnumMemberName("sender")] Sender,
    [JsonStringEnumMemberName("receiver")] Receiver,
}
