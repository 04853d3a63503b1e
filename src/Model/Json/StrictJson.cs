using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PerfSuite.Model.Json;

/// <summary>
/// How documents a user hands PerfSuite (results files, journals, probe snapshots) are read: with the nullable
/// annotations of the records respected and their constructor parameters without a default required, so a <c>null</c>
/// or a missing field where a record declares a member non-nullable is refused like any other malformed field (a JsonException naming its path) instead of reaching code that trusts the
/// declaration. The source-generated contexts stay as they are for writing. System.Text.Json does not check
/// collection elements and dictionary values; <see cref="Results.ResultsReader"/> checks those it relies on.
/// </summary>
public static class StrictJson
{
    private static readonly ConcurrentDictionary<JsonSerializerOptions, JsonSerializerOptions> Strict = new();

    /// <summary>The metadata of <typeparamref name="T"/> from the same source-generated context as
    /// <paramref name="generated"/>, reading strictly.</summary>
    public static JsonTypeInfo<T> Reading<T>(JsonTypeInfo<T> generated)
    {
        var options = Strict.GetOrAdd(generated.Options, o => new JsonSerializerOptions(o) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true });
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
