using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The simulated etcd: every object by resource, namespace and name, one revision counter for all of them (an
/// object's <c>metadata.resourceVersion</c> is the revision of its last change, a list's is the current one, as the
/// API server reports etcd's revisions), and the history of every change so a watch can start from any
/// resourceVersion it was given. Objects leave and enter as copies; callers never hold the stored instance.
/// <see cref="Changed"/> tells the simulated controllers about each change after the store's lock is released.
/// </summary>
public sealed class KubeObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(KubeResource Resource, string Namespace, string Name), JsonObject> _objects = [];
    private readonly List<KubeWatchEvent> _history = [];
    private readonly List<Watcher> _watchers = [];
    private long _revision = 1;

    public event Action<KubeWatchEvent>? Changed;

    public long Revision
    {
        get
        {
            lock (_gate)
                return _revision;
        }
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Stores a new object. <paramref name="admit"/> runs under the store's lock before anything is written
    /// (namespace lifecycle, name generation), so checks and the write are one step.</summary>
    public JsonObject Create(KubeResource resource, string? ns, JsonObject obj, Action<JsonObject>? admit = null)
    {
        KubeWatchEvent change;
        lock (_gate)
        {
            var stored = (JsonObject)obj.DeepClone();
            var metadata = stored["metadata"] as JsonObject ?? new JsonObject();
            stored["metadata"] = metadata;
            stored["apiVersion"] = resource.ApiVersion;
            stored["kind"] = resource.Kind;
            if (resource.Namespaced)
                metadata["namespace"] = ns;
            else
                metadata.Remove("namespace");
            if (metadata["name"] is null && metadata["generateName"]?.GetValue<string>() is { } prefix)
                metadata["name"] = prefix + RandomSuffix();
            var name = metadata["name"]?.GetValue<string>() ?? "";
            if (name.Length == 0)
                throw KubeStatusException.Invalid(resource, "", "metadata.name", "Required value: name or generateName is required");
            if (resource.Namespaced)
                AdmitIntoNamespace(resource, name, ns ?? "");
            admit?.Invoke(stored);
            var key = (resource, ns ?? "", name);
            if (_objects.ContainsKey(key))
                throw KubeStatusException.AlreadyExists(resource, name);
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            _objects[key] = stored;
            change = Record("ADDED", resource, stored, null);
        }
        Changed?.Invoke(change);
        return (JsonObject)change.Object.DeepClone();
    }

    public JsonObject? Get(KubeResource resource, string? ns, string name)
    {
        lock (_gate)
            return _objects.TryGetValue((resource, ns ?? "", name), out var obj) ? (JsonObject)obj.DeepClone() : null;
    }

    public JsonObject Read(KubeResource resource, string? ns, string name) =>
        Get(resource, ns, name) ?? throw KubeStatusException.NotFound(resource, name);

    /// <summary>The objects of <paramref name="resource"/> (in <paramref name="ns"/>, or everywhere when null) that
    /// both selectors select, by namespace then name, and the revision the list was taken at.</summary>
    public (List<JsonObject> Items, long Revision) List(KubeResource resource, string? ns, LabelSelector? labels = null, LabelSelector? fields = null)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(pair => pair.Key.Resource == resource && (ns is null || pair.Key.Namespace == ns))
                .Where(pair => (labels?.Matches(pair.Value) ?? true) && (fields?.Matches(pair.Value) ?? true))
                .OrderBy(pair => pair.Key.Namespace, StringComparer.Ordinal).ThenBy(pair => pair.Key.Name, StringComparer.Ordinal)
                .Select(pair => (JsonObject)pair.Value.DeepClone())
                .ToList();
            return (items, _revision);
        }
    }

    /// <summary>Changes an object in place: <paramref name="mutate"/> gets a copy and returns whether it changed
    /// anything; when it did, the copy is stored at a new revision. With <paramref name="expectedVersion"/> (a PUT's
    /// metadata.resourceVersion) a different stored version is a 409 Conflict.</summary>
    public JsonObject Update(KubeResource resource, string? ns, string name, Func<JsonObject, bool> mutate, string? expectedVersion = null)
    {
        KubeWatchEvent change;
        lock (_gate)
        {
            var key = (resource, ns ?? "", name);
            if (!_objects.TryGetValue(key, out var current))
                throw KubeStatusException.NotFound(resource, name);
            if (expectedVersion is not null && current["metadata"]!["resourceVersion"]!.GetValue<string>() != expectedVersion)
                throw KubeStatusException.Conflict(resource, name);
            var next = (JsonObject)current.DeepClone();
            if (!mutate(next))
                return next;
            next["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            _objects[key] = next;
            change = Record("MODIFIED", resource, next, current);
        }
        Changed?.Invoke(change);
        return (JsonObject)change.Object.DeepClone();
    }

    /// <summary>As <see cref="Update"/>, but an object already gone is not an error (null).</summary>
    public JsonObject? TryUpdate(KubeResource resource, string? ns, string name, Func<JsonObject, bool> mutate)
    {
        try
        {
            return Update(resource, ns, name, mutate);
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
            return null;
        }
    }

    /// <summary>Removes an object for good (a DELETED event at a new revision); null when it was not there.</summary>
    public JsonObject? Remove(KubeResource resource, string? ns, string name)
    {
        KubeWatchEvent change;
        lock (_gate)
        {
            var key = (resource, ns ?? "", name);
            if (!_objects.Remove(key, out var current))
                return null;
            var last = (JsonObject)current.DeepClone();
            last["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            change = Record("DELETED", resource, last, current);
        }
        Changed?.Invoke(change);
        return (JsonObject)change.Object.DeepClone();
    }

    /// <summary>
    /// Starts a watch: the changes after <paramref name="sinceRevision"/> from the history, then each new one, as
    /// the watch-cache serves them. Without a revision (resourceVersion unset or "0": "start at most recent" and
    /// "start at any"), the objects that exist now come first as synthetic ADDED events. An object that stops
    /// matching the selectors is sent as DELETED and one that starts matching as ADDED (storage/cacher's
    /// watch filtering), so the watcher's view stays the selected set.
    /// </summary>
    public ChannelReader<(string Type, KubeWatchEvent Change)> Watch(KubeResource resource, string? ns, LabelSelector labels,
        LabelSelector fields, long? sinceRevision, CancellationToken cancel)
    {
        var channel = Channel.CreateUnbounded<(string, KubeWatchEvent)>();
        var watcher = new Watcher(resource, ns, labels, fields, channel.Writer);
        lock (_gate)
        {
            if (sinceRevision is { } since)
            {
                foreach (var change in _history.Where(c => c.Revision > since))
                    watcher.Offer(change);
            }
            else
            {
                foreach (var obj in _objects.Where(p => p.Key.Resource == resource && (ns is null || p.Key.Namespace == ns)).Select(p => p.Value))
                    watcher.Offer(new KubeWatchEvent("ADDED", resource, (JsonObject)obj.DeepClone(), null, _revision));
            }
            _watchers.Add(watcher);
        }
        cancel.Register(() =>
        {
            lock (_gate)
                _watchers.Remove(watcher);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Ends every watch (the server is stopping): their streams end as a server-side timeout ends them.</summary>
    public void EndWatches()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
                watcher.End();
            _watchers.Clear();
        }
    }

    /// <summary>The NamespaceLifecycle admission plugin (plugin/pkg/admission/namespace/lifecycle): no object in a
    /// namespace that does not exist (404 for the namespace) or is being deleted (403 NamespaceTerminating).</summary>
    private void AdmitIntoNamespace(KubeResource resource, string name, string ns)
    {
        if (!_objects.TryGetValue((KubeResource.Namespaces, "", ns), out var owner))
            throw KubeStatusException.NotFound(KubeResource.Namespaces, ns);
        if (owner["metadata"]?["deletionTimestamp"] is not null)
            throw KubeStatusException.NamespaceTerminating(resource, name, ns);
    }

    private KubeWatchEvent Record(string type, KubeResource resource, JsonObject obj, JsonObject? previous)
    {
        var change = new KubeWatchEvent(type, resource, (JsonObject)obj.DeepClone(), previous is null ? null : (JsonObject)previous.DeepClone(), _revision);
        _history.Add(change);
        foreach (var watcher in _watchers)
            watcher.Offer(change);
        return change;
    }

    /// <summary>Five lowercase alphanumerics, as names from <c>generateName</c> get (apiserver/pkg/storage/names).</summary>
    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        });
    }

    private sealed class Watcher(KubeResource resource, string? ns, LabelSelector labels, LabelSelector fields,
        ChannelWriter<(string, KubeWatchEvent)> writer)
    {
        public void Offer(KubeWatchEvent change)
        {
            if (change.Resource != resource || ns is not null && change.Namespace != ns)
                return;
            var now = labels.Matches(change.Object) && fields.Matches(change.Object);
            var before = change.Previous is not null && labels.Matches(change.Previous) && fields.Matches(change.Previous);
            var type = change.Type switch
            {
                "MODIFIED" when now && !before => "ADDED",
                "MODIFIED" when !now && before => "DELETED",
                "MODIFIED" when now => "MODIFIED",
                "ADDED" when now => "ADDED",
                "DELETED" when before || now => "DELETED",
                _ => null,
            };
            if (type is not null)
                writer.TryWrite((type, change));
        }

        public void End() => writer.TryComplete();
    }
}
