using System.Diagnostics;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tests;

/// <summary>One lab name, one holder: another process building, running on or removing a lab makes it busy, and a
/// holder killed with SIGKILL leaves a lock the next one simply takes.</summary>
[Collection(LabCollection.Name)]
public sealed class LabLockTests : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private readonly ScratchDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private LabStateStore Store => new(_directory.Path);

    /// <summary>Another process holding the lab's lock as PerfSuite does (an exclusive flock), through util-linux
    /// flock(1); -o keeps the lock in flock itself, not in the sleep it starts. The sleep's argument is unique to this
    /// holder, so it is found and killed even once flock is gone and it has been reparented (an orphan sleep keeps the
    /// test run's output pipe open, and run-tests waits on that pipe: it hung a whole-suite run once).</summary>
    private sealed class ForeignHolder : IDisposable
    {
        private readonly Process _flock;
        private readonly string _seconds = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"600.{Random.Shared.Next(100_000, 1_000_000)}");

        public ForeignHolder(string lockPath)
        {
            _flock = Process.Start("flock", ["-o", lockPath, "sleep", _seconds]);
        }

        public int Pid => _flock.Id;

        public void KillWithSigkill()
        {
            _flock.Kill();
            _flock.WaitForExit();
            // flock may have forked its sleep just before it died; look twice, a moment apart.
            for (var look = 0; look < 2; look++)
            {
                foreach (var sleep in ProcessTable.Where(a => a.Count == 2 && a[0] == "sleep" && a[1] == _seconds))
                {
                    try
                    {
                        Process.GetProcessById(sleep.Pid).Kill();
                    }
                    catch (ArgumentException)
                    {
                        // It ended by itself.
                    }
                }
                Thread.Sleep(100);
            }
        }

        public void Dispose()
        {
            if (!_flock.HasExited)
                KillWithSigkill();
            _flock.Dispose();
        }
    }
    private ForeignHolder HoldElsewhere(string name)
    {
        Directory.CreateDirectory(Store.Directory);
        var holder = new ForeignHolder(LabLock.PathOf(Store, name));
        Assert.True(SpinWait.SpinUntil(() =>
        {
            using var probe = LabLock.TryTake(Store, name);
            return probe is null;
        }, TimeSpan.FromSeconds(20)), "flock(1) never took the lock");
        return holder;
    }

    [Fact]
    public void A_lab_held_by_another_process_is_busy_until_that_process_is_killed_then_taken_over()
    {
        // Given another live process holding lab x's lock
        var name = ScratchLab.NewName();
        using var holder = HoldElsewhere(name);

        // Then taking it is refused with a reason, and so is removing the lab
        var busy = Assert.Throws<PerfSuiteException>(() => LabLock.Take(Store, name));
        Assert.Equal(ErrorReason.Busy, busy.Reason);
        Assert.Contains($"lab '{name}' is busy", busy.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorReason.Busy, Assert.Throws<PerfSuiteException>(() => new LabCleaner(Store).Remove(name)).Reason);

        // When the holder dies by SIGKILL (no cleanup runs)
        holder.KillWithSigkill();

        // Then the lock is taken over, and held once only in this process too
        using var taken = LabLock.TryTake(Store, name);
        Assert.NotNull(taken);
        Assert.Null(LabLock.TryTake(Store, name));
        Assert.True(LabLock.IsHeldHere(Store, name));
    }

    [Fact]
    public void Stale_cleanup_leaves_a_lab_whose_lock_a_live_process_holds()
    {
        // Given a lab whose recorded owner is dead (stale by its state) but whose lock a live process holds
        var name = ScratchLab.NewName();
        var dead = new ProcessIdentity(int.MaxValue - 1, 1);
        Assert.True(Store.TryCreate(LabState.Begin(new LabSpec(name, [Datapath.Native]), dead)));
        var cleaner = new LabCleaner(Store);
        using (var holder = HoldElsewhere(name))
        {
            // When stale labs are removed, then this one is not: someone is working on it
            Assert.Empty(cleaner.RemoveStale());
            Assert.True(File.Exists(Store.PathOf(name)));
            holder.KillWithSigkill();
        }

        // And once its holder is gone, it is
        Assert.Equal([name], cleaner.RemoveStale());
        Assert.False(File.Exists(Store.PathOf(name)));
    }

    [Fact]
    public void Bringing_up_a_lab_another_process_holds_is_busy_and_builds_nothing()
    {
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Native);
        using var holder = HoldElsewhere(spec.Name);

        var e = Assert.Throws<PerfSuiteException>(() => LabInstance.Up(spec, new LabServices { Cleaner = new LabCleaner(Store) }, Token));

        Assert.Equal(ErrorReason.Busy, e.Reason);
        Assert.Empty(ScratchLab.Namespaces(spec.Name));
        Assert.False(File.Exists(Store.PathOf(spec.Name)));
    }

    [Fact]
    public async Task A_lab_this_process_runs_on_is_locked_until_it_is_taken_down()
    {
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Native);
        var cleaner = new LabCleaner(Store);
        try
        {
            var lab = LabInstance.Up(spec, new LabServices { Cleaner = cleaner }, Token);
            Assert.True(LabLock.IsHeldHere(Store, spec.Name));
            Assert.Null(LabLock.TryTake(Store, spec.Name));

            await lab.DisposeAsync();

            Assert.False(LabLock.IsHeldHere(Store, spec.Name));
            Assert.Empty(ScratchLab.Namespaces(spec.Name));
            // and the lab's lock file went with it, deleted while still held
            Assert.False(File.Exists(LabLock.PathOf(Store, spec.Name)));
            using var again = LabLock.TryTake(Store, spec.Name);
            Assert.NotNull(again);
            Assert.True(File.Exists(LabLock.PathOf(Store, spec.Name)));
        }
        finally
        {
            cleaner.Remove(spec.Name);
        }
    }
}
