using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ArmCrc32 = System.Runtime.Intrinsics.Arm.Crc32;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF), the
/// checksum that guards journal rows and snapshots. Uses the SSE4.2 or Armv8 CRC instructions when the
/// CPU has them and a lookup table otherwise; both give identical results.
/// </summary>
public static class Crc32C
{
    private const uint ReflectedPolynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>True when <see cref="Compute"/> runs on CPU instructions rather than the table.</summary>
    public static bool IsHardwareAccelerated => Sse42.IsSupported || ArmCrc32.IsSupported;

    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The CRC-32C of <paramref name="data"/>, always computed with the table (the fallback path).</summary>
    public static uint ComputeWithTable(ReadOnlySpan<byte> data) => Finish(AppendWithTable(Start, data));

    /// <summary>Initial running value; feed it to <see cref="Append"/> and close with <see cref="Finish"/>.</summary>
    public const uint Start = 0xFFFFFFFF;

    /// <summary>Final step of an incremental computation.</summary>
    public static uint Finish(uint running) => ~running;

    /// <summary>Folds <paramref name="data"/> into a running (not yet finished) CRC.</summary>
    public static uint Append(uint running, ReadOnlySpan<byte> data)
    {
        if (Sse42.X64.IsSupported)
        {
            while (data.Length >= 3 * StreamBytes)
            {
                running = AppendThreeStreams(running, data[..(3 * StreamBytes)]);
                data = data[(3 * StreamBytes)..];
            }
            ulong crc = running;
            while (data.Length >= 8)
            {
                crc = Sse42.X64.Crc32(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            running = (uint)crc;
            foreach (var b in data) running = Sse42.Crc32(running, b);
            return running;
        }
        if (ArmCrc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                running = ArmCrc32.Arm64.ComputeCrc32C(running, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (var b in data) running = ArmCrc32.ComputeCrc32C(running, b);
            return running;
        }
        if (Sse42.IsSupported)
        {
            while (data.Length >= 4)
            {
                running = Sse42.Crc32(running, BinaryPrimitives.ReadUInt32LittleEndian(data));
                data = data[4..];
            }
            foreach (var b in data) running = Sse42.Crc32(running, b);
            return running;
        }
        return AppendWithTable(running, data);
    }

    /// <summary>
    /// One CRC instruction waits for the previous one's result (3 cycles) but the CPU can start one per cycle, so a
    /// 4 KiB txn, checksummed several times on its way through the ensemble, is folded as three independent streams
    /// of <see cref="StreamBytes"/> each, joined with <see cref="ShiftByStream"/>.
    /// </summary>
    private const int StreamBytes = 256;

    /// <summary>
    /// The CRC register, which is linear in its input over GF(2), as it stands after <see cref="StreamBytes"/> zero
    /// bytes: looked up one byte of the register at a time (4 tables of 256).
    /// </summary>
    private static readonly uint[] ShiftTable = Sse42.X64.IsSupported ? BuildShiftTable() : [];

    private static uint AppendThreeStreams(uint running, ReadOnlySpan<byte> block)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(block); // x64 only: little-endian, as the CRC wants
        const int perStream = StreamBytes / 8;
        ulong a = running, b = 0, c = 0;
        for (var i = 0; i < perStream; i++)
        {
            a = Sse42.X64.Crc32(a, words[i]);
            b = Sse42.X64.Crc32(b, words[perStream + i]);
            c = Sse42.X64.Crc32(c, words[2 * perStream + i]);
        }
        // register(A || B || C) = shift(shift(a) ^ b) ^ c, where b and c started from zero.
        return ShiftByStream(ShiftByStream((uint)a) ^ (uint)b) ^ (uint)c;
    }

    private static uint ShiftByStream(uint register) =>
        ShiftTable[register & 0xFF] ^ ShiftTable[256 + ((register >> 8) & 0xFF)]
        ^ ShiftTable[512 + ((register >> 16) & 0xFF)] ^ ShiftTable[768 + (register >> 24)];

    private static uint[] BuildShiftTable()
    {
        var table = new uint[4 * 256];
        for (var k = 0; k < 4; k++)
            for (uint value = 0; value < 256; value++)
            {
                ulong register = value << (8 * k);
                for (var i = 0; i < StreamBytes / 8; i++) register = Sse42.X64.Crc32(register, 0UL);
                table[256 * k + value] = (uint)register;
            }
        return table;
    }

    private static uint AppendWithTable(uint running, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) running = Table[(running ^ b) & 0xFF] ^ (running >> 8);
        return running;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            table[i] = crc;
        }
        return table;
    }
}
