using System.Runtime.InteropServices;

namespace PerfSuite.Cli;

/// <summary>Turns Ctrl-C and SIGTERM into a cancellation, so a command can remove what it made and save what it
/// measured; without it the runtime ends the process at once and leaves namespaces and agents behind.</summary>
internal sealed class InterruptSignals : IDisposable
{
    /// <summary>128 + SIGINT, what a shell reports for a command stopped by Ctrl-C.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public InterruptSignals(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    }

    public CancellationToken Token => _source.Token;

    private void Interrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }
}
