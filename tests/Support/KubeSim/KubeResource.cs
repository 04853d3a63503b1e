namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// A resource type the simulated API server serves: its URL name (plural), the kind of its objects, its group and
/// version, and whether it lives in a namespace. The paths are those of the API reference
/// (kubernetes/kubernetes api/openapi-spec/v3/api__v1_openapi.json and apis__apps__v1_openapi.json):
/// <c>/api/v1/[namespaces/NS/]PLURAL[/NAME]</c> for the core group, <c>/apis/GROUP/VERSION/…</c> for the others.
/// </summary>
public sealed record KubeResource(string Plural, string Kind, string Group, string Version, bool Namespaced)
{
    public static readonly KubeResource Namespaces = new("namespaces", "Namespace", "", "v1", false);
    public static readonly KubeResource Nodes = new("nodes", "Node", "", "v1", false);
    public static readonly KubeResource Pods = new("pods", "Pod", "", "v1", true);
    public static readonly KubeResource Secrets = new("secrets", "Secret", "", "v1", true);
    public static readonly KubeResource Services = new("services", "Service", "", "v1", true);
    public static readonly KubeResource Events = new("events", "Event", "", "v1", true);
    public static readonly KubeResource ConfigMaps = new("configmaps", "ConfigMap", "", "v1", true);
    public static readonly KubeResource DaemonSets = new("daemonsets", "DaemonSet", "apps", "v1", true);

    public static readonly IReadOnlyList<KubeResource> All = [Namespaces, Nodes, Pods, Secrets, Services, Events, ConfigMaps, DaemonSets];

    /// <summary>What objects carry in <c>apiVersion</c>: <c>v1</c>, <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>How messages name the resource: <c>pods</c>, <c>daemonsets.apps</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The path prefix of the group/version: <c>/api/v1</c>, <c>/apis/apps/v1</c>.</summary>
    public string Root => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
}
