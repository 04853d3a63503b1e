using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfSuite.Tests.Support;

/// <summary>The netlink request a real client sends: runs iproute2 under <c>strace -X raw -xx</c> and decodes the
/// last sendmsg of the command. The command may fail (an unknown link kind): the request is sent all the same.</summary>
public static partial class Iproute2Trace
{
    public sealed record Request(ushort Type, ushort Flags, byte[] Payload);

    public static Request LastRequest(params string[] command)
    {
        var (_, _, stderr) = Shell.TryRun("strace", ["-f", "-X", "raw", "-s", "65535", "-xx", "-e", "trace=sendmsg", .. command]);
        var match = SendMsg().Matches(stderr).LastOrDefault()
            ?? throw new InvalidOperationException($"no netlink sendmsg in the trace of {string.Join(' ', command)}:\n{stderr}");
        var type = ushort.Parse(match.Groups["type"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var flags = ushort.Parse(match.Groups["flags"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var hex = match.Groups["payload"].Value.Replace("\\x", "", StringComparison.Ordinal);
        var payload = Convert.FromHexString(hex);
        var length = int.Parse(match.Groups["len"].Value, CultureInfo.InvariantCulture);
        Assert.Equal(length, payload.Length + 16); // the trace is complete, not cut off by -s
        return new Request(type, flags, payload);
    }

    [GeneratedRegex("""iov_base=\[\{nlmsg_len=(?<len>\d+), nlmsg_type=0x(?<type>[0-9a-f]+), nlmsg_flags=0x(?<flags>[0-9a-f]+), nlmsg_seq=\d+, nlmsg_pid=\d+\}, "(?<payload>(\\x[0-9a-f]{2})*)"\]""")]
    private static partial Regex SendMsg();
}
