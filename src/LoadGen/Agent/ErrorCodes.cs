using System.Text.Json;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The wire form of <see cref="ErrorReason"/> in <see cref="ErrorReply.Code"/>.</summary>
public static class ErrorCodes
{
    public static string Of(ErrorReason reason) => JsonNamingPolicy.CamelCase.ConvertName(reason.ToString());

    public static ErrorReason Parse(string? code) =>
        Enum.TryParse<ErrorReason>(code, ignoreCase: true, out var reason) && Enum.IsDefined(reason) ? reason : ErrorReason.Failed;
}
