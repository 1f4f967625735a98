using System.Runtime.InteropServices;

namespace StoreMonitor.Ingestion.Uploads;

/// <summary>
/// Makes a rename in a directory durable. Flushing a file makes its bytes durable, but the name it was renamed to
/// lives in the directory, which the disk may not have yet when the machine goes down; POSIX asks for an fsync of the
/// directory itself, which .NET has no API for. On other systems the rename is left to the file system.
/// </summary>
internal static class DirectoryFlush
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (FileSync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {directory} to the disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code enabled for the whole project.
    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FileSync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
