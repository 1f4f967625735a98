using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace StoreMonitor.Ingestion;

/// <summary>
/// Asks the CPU to start loading memory that is about to be read, so that several cache misses overlap instead of
/// coming one after another. A hint only: an address that is stale by the time it is fetched (the GC moved the object)
/// or lies past an array's end costs nothing and never faults. Where the instruction is missing it does nothing.
/// </summary>
internal static unsafe class CachePrefetch
{
    /// <summary>The start of <paramref name="value"/>: its header, its first fields or elements.</summary>
    public static void Object<T>(T? value)
        where T : class
    {
        if (Sse.IsSupported && value is not null)
        {
            Sse.Prefetch0((void*)Unsafe.As<T, nint>(ref value));
        }
    }

    /// <summary>
    /// Element <paramref name="index"/> of <paramref name="array"/>, which may be past its end: the address is computed
    /// as a number, never held as a reference into the array, so the GC never sees a reference outside an object.
    /// </summary>
    public static void Element<T>(T[] array, int index)
    {
        if (Sse.IsSupported)
        {
            var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            Sse.Prefetch0(start + ((nint)index * Unsafe.SizeOf<T>()));
        }
    }
}
