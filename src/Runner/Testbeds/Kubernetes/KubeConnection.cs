using System.Net;
using System.Security.Authentication;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;
using PerfSuite.Model.Errors;
using KubeClient = k8s.Kubernetes;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// A connection to a cluster's API server through the official client (<c>KubernetesClient.Aot</c>), opened from a
/// kubeconfig and checked at once: a kubeconfig that is missing, unreadable or malformed, a context it does not have, an
/// API server that does not answer within <see cref="ProbeTimeout"/> or refuses the credentials are all
/// <see cref="ErrorReason.InvalidArgument"/> with one line saying which — bad input, before anything is created.
/// </summary>
public sealed class KubeConnection : IDisposable
{
    /// <summary>How long the first request (<c>GET /version</c>) may take: an unreachable API server is reported well
    /// inside the 10 s a person waits for a bad-input answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(6);

    /// <summary>Every later request but a watch: a slow API server fails the step with its reason, never hangs the run.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private KubeConnection(KubeClient client, string? context, string version)
    {
        Client = client;
        Context = context;
        Version = version;
    }

    public KubeClient Client { get; }

    public string? Context { get; }

    /// <summary>The API server's gitVersion ("v1.31.2").</summary>
    public string Version { get; }

    /// <summary>The kubeconfig a run uses when none is given: <c>$KUBECONFIG</c> (its first file), else ~/.kube/config.</summary>
    public static string DefaultKubeconfig()
    {
        if (Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } list)
            return list.Split(':', StringSplitOptions.RemoveEmptyEntries)[0];
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>Reads <paramref name="kubeconfig"/>, selects <paramref name="context"/> (its current context when null)
    /// and asks the API server its version.</summary>
    public static async Task<KubeConnection> OpenAsync(string kubeconfig, string? context, CancellationToken cancel)
    {
        var config = Configure(kubeconfig, context);
        config.HttpClientTimeout = RequestTimeout;
        KubeClient client;
        try
        {
            client = new KubeClient(config);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or FormatException or ArgumentException
            or System.Security.Cryptography.CryptographicException)
        {
            throw Bad($"kubeconfig {kubeconfig}: {Flatten(e)}");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(ProbeTimeout);
            VersionInfo version;
            try
            {
                version = await client.Version.GetCodeAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                throw Bad($"the API server {config.Host} (context {config.CurrentContext}) did not answer within {ProbeTimeout.TotalSeconds:0} s");
            }
            catch (Exception e) when (e is HttpRequestException or HttpOperationException or AuthenticationException or KubernetesClientException or IOException)
            {
                throw Bad($"the API server {config.Host} (context {config.CurrentContext}): {Describe(e)}");
            }
            return new KubeConnection(client, config.CurrentContext, version.GitVersion ?? "unknown");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>A failed API request in one line: the status and the API server's own message where it sent one.</summary>
    public static string Describe(Exception e) => e switch
    {
        HttpOperationException { Response: { } response } http => $"{(int)response.StatusCode} {response.StatusCode}: {StatusMessage(http) ?? response.ReasonPhrase}",
        _ => Flatten(e),
    };

    /// <summary>Whether <paramref name="e"/> is the API answering <paramref name="status"/> (404 NotFound, 409 Conflict).</summary>
    public static bool Is(Exception e, HttpStatusCode status) => e is HttpOperationException { Response.StatusCode: var code } && code == status;

    public void Dispose() => Client.Dispose();

    private static KubernetesClientConfiguration Configure(string kubeconfig, string? context)
    {
        if (Directory.Exists(kubeconfig))
            throw Bad($"kubeconfig {kubeconfig} is a directory, not a file");
        if (!File.Exists(kubeconfig))
            throw Bad($"kubeconfig {kubeconfig} does not exist (give --kubeconfig FILE or set $KUBECONFIG)");
        try
        {
            using (File.OpenRead(kubeconfig))
            {
                // Opening it tells an unreadable file apart from a malformed one.
            }
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, context);
        }
        catch (UnauthorizedAccessException)
        {
            throw Bad($"kubeconfig {kubeconfig} cannot be read (permission denied)");
        }
        catch (KubeConfigException e) when (context is not null && e.Message.Contains(context, StringComparison.Ordinal))
        {
            throw Bad($"kubeconfig {kubeconfig} has no context '{context}'");
        }
        catch (Exception e) when (e is KubeConfigException or IOException or FormatException or ArgumentException or InvalidOperationException
            or YamlDotNet.Core.YamlException or System.Security.Cryptography.CryptographicException or NullReferenceException)
        {
            // NullReferenceException: the client's reader dereferences sections an incomplete kubeconfig lacks.
            throw Bad($"kubeconfig {kubeconfig}: {Flatten(e)}");
        }
    }

    private static string? StatusMessage(HttpOperationException e)
    {
        if (string.IsNullOrEmpty(e.Response.Content))
            return null;
        try
        {
            return KubernetesJson.Deserialize<V1Status>(e.Response.Content)?.Message;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Flatten(Exception e)
    {
        var message = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!message.Contains(inner.Message, StringComparison.Ordinal))
                message += ": " + inner.Message;
        }
        return message.ReplaceLineEndings(" ");
    }

    private static PerfSuiteException Bad(string message) => new(ErrorReason.InvalidArgument, message);
}
