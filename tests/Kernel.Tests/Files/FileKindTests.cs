namespace PerfSuite.Kernel.Tests.Files;

/// <summary>An open file against the file its name leads to now: what a lock taker checks after locking, so that a
/// lock file deleted by its last holder is never mistaken for the name's current one.</summary>
public sealed class FileKindTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-filekind-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void An_open_file_is_the_same_file_as_its_name_until_the_name_is_deleted_or_given_to_another_file()
    {
        var path = Path.Combine(_directory, "a.lock");
        using var open = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
        Assert.True(FileKind.IsSameFile(open.SafeFileHandle, path));

        File.Delete(path);
        Assert.False(FileKind.IsSameFile(open.SafeFileHandle, path));

        File.WriteAllText(path, "");
        Assert.False(FileKind.IsSameFile(open.SafeFileHandle, path));
    }
}
