namespace PerfSuite.Model.Datapaths;

/// <summary>Which CNI's devices a namespace shows, by the names each gives them. It decides where the pod MTU is
/// expected to be (Cilium: on routes) and which knob makes a change last.</summary>
public enum CniFlavour
{
    Unknown,
    Flannel,
    Calico,
    Cilium,
}
