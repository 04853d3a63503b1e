namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>The values every option and argument of every command is given: the edges of numbers and durations,
/// values that overflow, are not numbers or are infinite, names one byte too long for an interface, text that would
/// steer a terminal, and bytes that are not UTF-8.</summary>
internal static class BoundaryValues
{
    /// <summary>Stands for an argument that is not UTF-8; the fuzzer has bash put the raw bytes there
    /// (.NET's Process can only pass strings).</summary>
    public const string NotUtf8 = "@@not-utf-8@@";

    /// <summary>The bytes <see cref="NotUtf8"/> becomes, as printf(1) escapes: a lone continuation byte, 0xff and 0xfe.</summary>
    public const string NotUtf8Printf = @"ps\200\377\376x";

    public static readonly IReadOnlyList<string> All =
    [
        "0",
        "-1",
        "-0",
        "99999999999999999999999",
        "1e308",
        "1e300s",
        "1e308t",
        "-1e308",
        "NaN",
        "Infinity",
        "-Infinity",
        "",
        " ",
        "sixteen-bytes-ab",
        "ctl\u001b[2J\u001b]0;pwned\u0007\r\nsecond line",
        NotUtf8,
    ];
}
