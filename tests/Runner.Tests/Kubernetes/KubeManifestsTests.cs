using System.Text.Json;
using k8s;
using k8s.Models;
using PerfSuite.Runner.Testbeds.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace PerfSuite.Runner.Tests.Kubernetes;

public sealed class KubeManifestsTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";

    /// <summary>Kinds a run never creates: anything cluster-wide, and no identity of its own.</summary>
    private static readonly string[] ForbiddenKinds = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "ServiceAccount", "Node"];

    private static KubeManifests Build(params string[] nodes) =>
        KubeManifests.Build(new KubeDeploySpec(new KubeRunName("abc12345", "ps-k8a-unit"), nodes, "registry.example/perfsuite-agent:1"), Token);

    private static IEnumerable<(string Owner, V1PodSpec Spec)> PodSpecs(KubeManifests manifests) =>
        [(manifests.HostAgents.Metadata.Name, manifests.HostAgents.Spec.Template.Spec), .. manifests.PodAgents.Select(p => (p.Metadata.Name, p.Spec))];

    [Fact]
    public void Host_agents_are_held_to_the_chosen_nodes_by_required_affinity_on_the_hostname_label()
    {
        var manifests = Build("node-a", "node-b", "node-c");

        var terms = manifests.HostAgents.Spec.Template.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;

        var requirement = Assert.Single(Assert.Single(terms).MatchExpressions);
        Assert.Equal("kubernetes.io/hostname", requirement.Key);
        Assert.Equal("In", requirement.OperatorProperty);
        Assert.Equal(["node-a", "node-b", "node-c"], requirement.Values);
        Assert.True(manifests.HostAgents.Spec.Template.Spec.HostNetwork);
    }

    [Fact]
    public void One_pod_agent_per_node_and_a_second_on_node_1_each_on_its_own_node()
    {
        var manifests = Build("node-a", "node-b");

        var placed = manifests.PodAgents.Select(p => (p.Metadata.Name,
            Assert.Single(Assert.Single(p.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms).MatchExpressions).Values.Single()));

        Assert.Equal([("pod-1", "node-a"), ("pod-1b", "node-a"), ("pod-2", "node-b")], placed);
        Assert.All(manifests.PodAgents, p => Assert.NotEqual(true, p.Spec.HostNetwork));
    }

    [Fact]
    public void Service_selects_exactly_node_2s_pod_agent_on_the_fixed_data_port()
    {
        var manifests = Build("node-a", "node-b");

        var selected = manifests.PodAgents.Where(p => manifests.Service.Spec.Selector.All(s => p.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value));

        Assert.Equal("pod-2", Assert.Single(selected).Metadata.Name);
        Assert.Equal("ClusterIP", manifests.Service.Spec.Type);
        Assert.All(manifests.Service.Spec.Ports, p => Assert.Equal(KubeDeploySpec.DefaultDataPort, p.Port));
        Assert.Contains("--data-port", manifests.PodAgents[0].Spec.Containers[0].Args);
    }

    [Fact]
    public void Nothing_is_cluster_wide_and_everything_is_labelled_with_the_run()
    {
        var manifests = Build("node-a", "node-b");

        foreach (var item in manifests.All)
        {
            Assert.DoesNotContain(item.Kind, ForbiddenKinds);
            var metadata = ((IMetadata<V1ObjectMeta>)item).Metadata;
            Assert.Equal("abc12345", metadata.Labels[KubeRunName.RunLabel]);
            Assert.Equal("perfsuite", metadata.Labels[KubeRunName.ManagedByLabel]);
            if (item.Kind != "Namespace")
                Assert.Equal("ps-k8a-unit", metadata.NamespaceProperty);
        }
        Assert.Equal(["Namespace", "Secret", "DaemonSet", "Pod", "Pod", "Pod", "Service"], manifests.All.Select(o => o.Kind));
        Assert.All(PodSpecs(manifests), p => Assert.False(p.Spec.AutomountServiceAccountToken));
    }

    [Fact]
    public void Every_container_has_requests_equal_to_limits_for_cpu_and_memory()
    {
        foreach (var (owner, spec) in PodSpecs(Build("node-a", "node-b")))
        {
            foreach (var container in spec.Containers)
            {
                var resources = container.Resources;
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(resources.Limits.ContainsKey(resource), $"{owner}: no {resource} limit");
                    Assert.Equal(resources.Limits[resource].ToString(), resources.Requests[resource].ToString());
                }
                Assert.Equal(resources.Limits.Keys.Order(), resources.Requests.Keys.Order());
            }
        }
    }

    [Fact]
    public void Host_agents_have_exactly_net_admin_sys_admin_and_net_raw_and_pod_agents_none()
    {
        var manifests = Build("node-a", "node-b");

        var host = manifests.HostAgents.Spec.Template.Spec.Containers.Single().SecurityContext;
        Assert.False(host.Privileged);
        Assert.Equal(["ALL"], host.Capabilities.Drop);
        Assert.Equal(["NET_ADMIN", "NET_RAW", "SYS_ADMIN"], host.Capabilities.Add.Order());
        foreach (var pod in manifests.PodAgents)
        {
            var context = pod.Spec.Containers.Single().SecurityContext;
            Assert.Null(context.Capabilities.Add);
            Assert.Equal(["ALL"], context.Capabilities.Drop);
            Assert.True(context.RunAsNonRoot);
            Assert.False(context.AllowPrivilegeEscalation);
        }
    }

    [Fact]
    public void Privileged_replaces_the_capabilities_with_privileged_on_host_agents_only()
    {
        var manifests = KubeManifests.Build(new KubeDeploySpec(new KubeRunName("abc12345", "ps-k8a-unit"), ["node-a"], "img:1", Privileged: true), Token);

        Assert.True(manifests.HostAgents.Spec.Template.Spec.Containers.Single().SecurityContext.Privileged);
        Assert.All(manifests.PodAgents, p => Assert.NotEqual(true, p.Spec.Containers.Single().SecurityContext.Privileged));
    }

    [Fact]
    public void The_token_is_only_in_the_Secret_and_agents_take_it_from_there_as_an_environment_variable()
    {
        var manifests = Build("node-a", "node-b");

        var yaml = KubeYaml.Write(manifests.All);
        var documents = yaml.Split("---\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Secret", Assert.Single(documents, d => d.Contains(Token, StringComparison.Ordinal)).Split('\n')[1].Split('"')[1]);
        foreach (var (owner, spec) in PodSpecs(manifests))
        {
            var container = spec.Containers.Single();
            Assert.DoesNotContain("--token", container.Args);
            var variable = Assert.Single(container.Env, e => e.Name == "PERFSUITE_TOKEN");
            Assert.Null(variable.Value);
            Assert.Equal(KubeManifests.SecretName, variable.ValueFrom.SecretKeyRef.Name);
            Assert.Equal(manifests.Secret.Metadata.Name, variable.ValueFrom.SecretKeyRef.Name);
            Assert.True(manifests.Secret.StringData.ContainsKey(variable.ValueFrom.SecretKeyRef.Key), owner);
        }
    }

    [Fact]
    public void Readiness_is_the_control_port_of_each_agent()
    {
        var manifests = Build("node-a", "node-b");

        Assert.Equal("7400", manifests.HostAgents.Spec.Template.Spec.Containers[0].ReadinessProbe.TcpSocket.Port.Value);
        Assert.All(manifests.PodAgents, p => Assert.Equal("7401", p.Spec.Containers[0].ReadinessProbe.TcpSocket.Port.Value));
        Assert.Contains("$(NODE_IP):7400", manifests.HostAgents.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public void Yaml_reads_back_as_the_same_objects_with_their_types()
    {
        var manifests = Build("node-a", "node-b");

        var stream = new YamlStream();
        stream.Load(new StringReader(KubeYaml.Write(manifests.All)));

        var objects = manifests.All.ToList();
        Assert.Equal(objects.Count, stream.Documents.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            using var expected = JsonDocument.Parse(KubernetesJson.Serialize(objects[i]));
            Assert.Equal(Normalize(expected.RootElement), Normalize(stream.Documents[i].RootNode));
        }
    }

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("-leading")]
    [InlineData("")]
    public void A_namespace_that_is_not_an_RFC_1123_label_is_refused(string name) =>
        Assert.Throws<PerfSuite.Model.Errors.PerfSuiteException>(() => KubeRunName.New(name));

    /// <summary>A canonical text of a JSON value, keys in order, strings apart from numbers and booleans.</summary>
    private static string Normalize(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}:{Normalize(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(Normalize)) + "]",
        JsonValueKind.String => "s:" + element.GetString(),
        _ => "v:" + element.GetRawText(),
    };

    /// <summary>The same canonical text of a YAML node: a quoted scalar is a string, a plain one a number, boolean or null.</summary>
    private static string Normalize(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(",", map.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal)
            .Select(c => $"{((YamlScalarNode)c.Key).Value}:{Normalize(c.Value)}")) + "}",
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Normalize)) + "]",
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.DoubleQuoted } scalar => "s:" + scalar.Value,
        YamlScalarNode scalar => "v:" + scalar.Value,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}
