using System.Security.Cryptography;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>Who a Kubernetes run is: its id and the namespace it creates, and the labels every object it creates carries,
/// by which <c>k8s clean</c> and the next run find what a run left behind.</summary>
public sealed record KubeRunName(string RunId, string Namespace)
{
    /// <summary>The well-known label (Kubernetes' recommended labels) naming the tool that manages an object.</summary>
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "perfsuite";
    public const string RunLabel = "perfsuite.dev/run";
    public const string RoleLabel = "perfsuite.dev/role";

    /// <summary>Annotation on the namespace: the runner's host and process (<c>HOST pid PID:STARTTIME</c>), so a later run on
    /// the same host can tell a leftover of a dead runner from a run still under way.</summary>
    public const string RunnerAnnotation = "perfsuite.dev/runner";

    /// <summary>Selects everything any PerfSuite run created.</summary>
    public const string ManagedSelector = ManagedByLabel + "=" + ManagedByValue;

    /// <summary>A fresh run: eight random lowercase letters or digits, namespace <c>perfsuite-ID</c> unless one is given.</summary>
    public static KubeRunName New(string? ns = null)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var id = string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
        if (ns is not null)
            ValidateNamespace(ns);
        return new KubeRunName(id, ns ?? "perfsuite-" + id);
    }

    public IDictionary<string, string> Labels(string? role = null)
    {
        var labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedByValue, [RunLabel] = RunId };
        if (role is not null)
            labels[RoleLabel] = role;
        return labels;
    }

    /// <summary>A namespace name is an RFC 1123 label: at most 63 lowercase letters, digits and '-', alphanumeric at both
    /// ends.</summary>
    public static void ValidateNamespace(string name)
    {
        if (name.Length is 0 or > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') || name[0] == '-' || name[^1] == '-')
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"--namespace '{name}': a namespace name has 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit");
    }
}
