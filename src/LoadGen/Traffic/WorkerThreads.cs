using System.Runtime.ExceptionServices;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The dedicated threads that carry a test's traffic: blocking sockets on their own threads, never the
/// thread pool, so a busy runtime cannot delay a send. The first exception of any worker is kept for the
/// coordinator to rethrow.</summary>
internal sealed class WorkerThreads : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim _anyEnded = new(false);
    private readonly ManualResetEventSlim _allEnded = new(false);
    private static int s_live;
    private ExceptionDispatchInfo? _failure;
    private int _running;

    private WorkerThreads(int count) => _threads = new Thread[count];

    /// <summary>Starts <paramref name="count"/> threads running <paramref name="body"/>(index).</summary>
    public static WorkerThreads Start(string name, int count, Action<int> body)
    {
        var workers = new WorkerThreads(count) { _running = count };
        Interlocked.Add(ref s_live, count);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            workers._threads[i] = new Thread(() => workers.Run(() => body(index)))
            {
                IsBackground = true,
                Name = $"{name} {i}",
            };
        }
        foreach (var thread in workers._threads)
            thread.Start();
        return workers;
    }

    /// <summary>Set as soon as one worker returns or throws.</summary>
    public WaitHandle AnyEnded => _anyEnded.WaitHandle;

    /// <summary>Set when every worker has returned or thrown.</summary>
    public WaitHandle AllEnded => _allEnded.WaitHandle;

    public Exception? Failure => _failure?.SourceException;

    /// <summary>Workers of every side in this process that have been started and not yet ended.</summary>
    public static int Live => Volatile.Read(ref s_live);

    public bool Join(TimeSpan timeout) => _allEnded.Wait(timeout);

    /// <summary>Releases the events once every worker has ended; a worker that never ended keeps them, as it may
    /// still set them.</summary>
    public void Dispose()
    {
        if (!_allEnded.IsSet)
            return;
        _anyEnded.Dispose();
        _allEnded.Dispose();
    }

    private void Run(Action body)
    {
        try
        {
            body();
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
        }
        finally
        {
            Interlocked.Decrement(ref s_live);
            _anyEnded.Set();
            if (Interlocked.Decrement(ref _running) == 0)
                _allEnded.Set();
        }
    }
}
