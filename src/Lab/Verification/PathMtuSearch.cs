namespace PerfSuite.Lab.Verification;

/// <summary>
/// Finds the largest IPv4 packet size that crosses a path, given a test of whether a don't-fragment datagram of
/// a size arrives. It first checks the size the path should carry and the next one up (two probes when the path
/// is as configured), and falls back to a binary search between sizes known to arrive and known not to.
/// </summary>
public static class PathMtuSearch
{
    /// <summary>IPv4's minimum MTU: every link must carry it (RFC 791).</summary>
    public const int Floor = 68;
    /// <summary>The largest IPv4 total length.</summary>
    public const int Ceiling = 65535;

    /// <summary>The largest size in [<see cref="Floor"/>, <see cref="Ceiling"/>] that arrives, or null when not even
    /// the floor does. Assumes sizes that arrive form a prefix (true of a path MTU).</summary>
    public static int? Search(int expected, Func<int, bool> arrives)
    {
        expected = Math.Clamp(expected, Floor, Ceiling);
        int good, bad;
        if (arrives(expected))
        {
            if (expected == Ceiling || !arrives(expected + 1))
                return expected;
            (good, bad) = (expected + 1, Ceiling + 1);
        }
        else
        {
            if (expected == Floor || !arrives(Floor))
                return null;
            (good, bad) = (Floor, expected);
        }
        while (bad - good > 1)
        {
            var middle = good + (bad - good) / 2;
            if (arrives(middle))
                good = middle;
            else
                bad = middle;
        }
        return good;
    }
}
