using System.Runtime.InteropServices;

namespace Coordinator.Actors.Persistence;

internal static class WholeArrays
{
    /// <summary>
    /// The bytes as an array without a copy when they already span one whole array (the txn codec's output and what the
    /// stores read back do), else a copy.
    /// </summary>
    public static byte[] Of(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToArray();
}
