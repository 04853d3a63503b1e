using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// A failed call's answer: a <c>Status</c> object (meta/v1) with the HTTP code, the reason and the message the real
/// API server writes. Shapes and wording from the API reference's Status page (kubernetes/website
/// content/en/docs/reference/kubernetes-api/common-definitions/status.md) and the messages of k8s.io/apimachinery
/// pkg/api/errors/errors.go (NewNotFound: <c>pods "x" not found</c>, NewAlreadyExists: <c>pods "x" already exists</c>,
/// NewConflict: <c>Operation cannot be fulfilled on …</c>), as the client sees them in <c>kubectl get -v=8</c>.
/// </summary>
public sealed class KubeStatusException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject ToJson() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = details?.DeepClone(),
        ["code"] = Code,
    };

    /// <summary>The answer to a delete that removed the object at once (no graceful phase): Status Success with the
    /// object's name, kind (the resource's plural, as the server writes it) and uid.</summary>
    public static JsonObject Success(KubeResource resource, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural, ["uid"] = uid },
    };

    public static KubeStatusException NotFound(KubeResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedPlural} \"{name}\" not found", Details(resource, name));

    public static KubeStatusException AlreadyExists(KubeResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedPlural} \"{name}\" already exists", Details(resource, name));

    public static KubeStatusException Conflict(KubeResource resource, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": the object has been modified; " +
            "please apply your changes to the latest version and try again", Details(resource, name));

    /// <summary>Creating inside a namespace being deleted (pkg/admission/plugin/namespace/lifecycle): 403 Forbidden
    /// with the cause NamespaceTerminating.</summary>
    public static KubeStatusException NamespaceTerminating(KubeResource resource, string name, string ns) =>
        new(403, "Forbidden", $"{resource.QualifiedPlural} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
            new JsonObject
            {
                ["name"] = name,
                ["group"] = resource.Group,
                ["kind"] = resource.Plural,
                ["causes"] = new JsonArray(new JsonObject
                {
                    ["reason"] = "NamespaceTerminating",
                    ["message"] = $"namespace {ns} is being terminated",
                    ["field"] = "metadata.namespace",
                }),
            });

    public static KubeStatusException Invalid(KubeResource resource, string name, string field, string detail) =>
        new(422, "Invalid", $"{resource.Kind} \"{name}\" is invalid: {field}: {detail}", new JsonObject
        {
            ["name"] = name,
            ["group"] = resource.Group,
            ["kind"] = resource.Kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = detail, ["field"] = field }),
        });

    public static KubeStatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeStatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static KubeStatusException MethodNotAllowed(string method, string path) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method} {path})");

    /// <summary>An unknown path: the real server answers 404 with reason NotFound and this message.</summary>
    public static KubeStatusException NoSuchPath() => new(404, "NotFound", "the server could not find the requested resource");

    private static JsonObject Details(KubeResource resource, string name) =>
        new() { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Plural };
}
