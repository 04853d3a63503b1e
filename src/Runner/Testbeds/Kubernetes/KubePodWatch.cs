using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Models;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// The pods of one namespace, kept current by the API's list-then-watch: a list gives the pods and the
/// <c>resourceVersion</c> to watch from, then <c>GET …/pods?watch=true&amp;resourceVersion=RV</c> streams one JSON
/// watch event per line (ADDED, MODIFIED, DELETED, BOOKMARK, ERROR). A watch that ends is resumed from the last version
/// seen; one the server expired (410 Gone, or an ERROR event carrying it) starts again with a new list.
/// The AOT build of the official client leaves its <c>Watcher</c> out, so the stream is read here, over the client's
/// own HttpClient and credentials, and each object deserialised with the client's source-generated JSON.
/// </summary>
internal sealed class KubePodWatch(KubeConnection connection, string ns, string labelSelector)
{
    /// <summary>How long the server keeps one watch open before it ends it and this resumes.</summary>
    private const int WatchSeconds = 30;

    private readonly Dictionary<string, V1Pod> _pods = new(StringComparer.Ordinal);
    private string? _version;

    public IReadOnlyCollection<V1Pod> Pods => _pods.Values;

    /// <summary>Watches until <paramref name="done"/> holds for the pods (checked after the list and after every event) or
    /// <paramref name="cancel"/> fires.</summary>
    public async Task WaitAsync(Func<IReadOnlyCollection<V1Pod>, bool> done, CancellationToken cancel)
    {
        while (true)
        {
            if (_version is null)
            {
                var list = await connection.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: cancel);
                _pods.Clear();
                foreach (var pod in list.Items)
                    _pods[pod.Metadata.Name] = pod;
                _version = list.Metadata?.ResourceVersion;
            }
            if (done(Pods))
                return;
            if (await WatchAsync(done, cancel))
                return;
        }
    }

    /// <summary>One watch request; true when <paramref name="done"/> became true, false when the watch ended (resumed from
    /// the last version, or from a new list when the version expired).</summary>
    private async Task<bool> WatchAsync(Func<IReadOnlyCollection<V1Pod>, bool> done, CancellationToken cancel)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds={WatchSeconds}&labelSelector={Uri.EscapeDataString(labelSelector)}");
        if (_version is not null)
            query += "&resourceVersion=" + Uri.EscapeDataString(_version);
        var client = connection.Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, query));
        if (client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancel);
        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            _version = null;
            return false;
        }
        if (!response.IsSuccessStatusCode)
            throw new PerfSuiteException(ErrorReason.Failed, $"watching the pods of {ns}: {(int)response.StatusCode} {response.ReasonPhrase}");
        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
                continue;
            using var document = JsonDocument.Parse(line);
            var type = document.RootElement.GetProperty("type").GetString();
            var item = document.RootElement.GetProperty("object");
            switch (type)
            {
                case "ERROR":
                    // A Status: 410 Gone means the version is too old to resume from.
                    var status = KubernetesJson.Deserialize<V1Status>(item);
                    if (status.Code == (int)HttpStatusCode.Gone)
                    {
                        _version = null;
                        return false;
                    }
                    throw new PerfSuiteException(ErrorReason.Failed, $"watching the pods of {ns}: {status.Code} {status.Message}");
                case "BOOKMARK":
                    _version = KubernetesJson.Deserialize<V1Pod>(item).Metadata?.ResourceVersion ?? _version;
                    continue;
                case "ADDED" or "MODIFIED" or "DELETED":
                    var pod = KubernetesJson.Deserialize<V1Pod>(item);
                    _version = pod.Metadata.ResourceVersion ?? _version;
                    if (type == "DELETED")
                        _pods.Remove(pod.Metadata.Name);
                    else
                        _pods[pod.Metadata.Name] = pod;
                    if (done(Pods))
                        return true;
                    continue;
                default:
                    continue;
            }
        }
        return false;
    }
}
