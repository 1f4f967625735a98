using Microsoft.Win32.SafeHandles;

namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// An input file as a run opened it: one handle, and the modification time and size of the file behind that handle
/// when it was opened. Everything the run reads and records of the file comes through it, so a file put under the
/// same path later (an upload moves a new file there) is never taken for the one that was read.
/// </summary>
internal sealed class OpenedFile : IDisposable
{
    private OpenedFile(string path, SafeFileHandle handle)
    {
        Path = path;
        Handle = handle;
        // The time before the size, and both before any byte is read: a write after this changes the time, so a record
        // never pairs this time with bytes older than the ones read.
        ModifiedUnixTicks = File.GetLastWriteTimeUtc(handle).Ticks - DateTime.UnixEpoch.Ticks;
        Size = RandomAccess.GetLength(handle);
    }

    public string Path { get; }

    public SafeFileHandle Handle { get; }

    public long ModifiedUnixTicks { get; }

    public long Size { get; }

    public static OpenedFile Open(string path)
    {
        // The run only reads: others may go on writing, replacing or deleting the file while it is open.
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
        try
        {
            return new OpenedFile(path, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length from <paramref name="offset"/>; 0 at the end of the file.</summary>
    public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(Handle, buffer, offset);

    public void Dispose() => Handle.Dispose();
}
