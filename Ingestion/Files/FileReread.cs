namespace StoreMonitor.Ingestion.Files;

/// <summary>
/// A later pass's read of a file the run already read once (<see cref="FileReadPlan.OpenReread"/>). The pass trusts
/// the first read's counts and record, so it must see the same bytes: a file rewritten in place between the passes
/// would give some stores rows the record does not describe, or none of the rows it does.
/// </summary>
internal sealed class FileReread(string path, Stream stream, ReadPrefix first, ReadPrefix again) : IDisposable
{
    public Stream Stream => stream;

    /// <summary>Throws when the bytes read again differ from the first read's, up to where the first read stopped.</summary>
    public void EnsureSameBytes()
    {
        if (again.Read != first.Read || again.End != first.End || again.Hash != first.Hash)
        {
            throw new IOException($"{path} changed while the run read it a second time (its bytes up to {first.Read:N0} differ from the first read's); nothing of this run is recorded, so the next run reads it again.");
        }
    }

    public void Dispose() => stream.Dispose();
}
