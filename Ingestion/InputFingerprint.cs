using System.Security.Cryptography;
using System.Text;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Identifies a set of input files by name, size and modification time: enough to skip re-reading unchanged
/// files at start-up without hashing gigabytes. (Re-reading would be harmless, only slow.)
/// </summary>
public static class InputFingerprint
{
    public static string Of(IEnumerable<string> paths)
    {
        var text = new StringBuilder();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(path);
            text.Append(info.FullName).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
