namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// Writes a kubeconfig for the simulated API server, in the shape <c>kubectl config view --raw</c> prints
/// (kubernetes/website content/en/docs/concepts/configuration/organize-cluster-access-kubeconfig.md and the
/// clientcmd v1 Config type): one cluster with its <c>server</c>, one user with a bearer <c>token</c>, one context
/// naming both and a default namespace, and <c>current-context</c>.
/// </summary>
public static class Kubeconfig
{
    public const string ContextName = "kubesim";

    public static void Write(string path, string server, string token, string context = ContextName) =>
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            preferences: {"{}"}
            clusters:
            - name: {context}
              cluster:
                server: {server}
            users:
            - name: {context}-admin
              user:
                token: {token}
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: {context}-admin
                namespace: default
            current-context: {context}

            """);
}
