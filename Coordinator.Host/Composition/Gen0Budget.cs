using System.Collections;
using System.Runtime.InteropServices;

namespace Coordinator.Host.Composition;

/// <summary>
/// The garbage collector's generation-0 budget for a serving member. The runtime derives it from the CPU's last-level
/// cache (about half of L3): on a server CPU with 105 MiB of L3 that is some 50 MiB of resident memory per member,
/// holding nothing but garbage between collections. Only the <c>DOTNET_GCgen0size</c> environment variable sets it
/// (runtimeconfig.json has no knob for it, and it is read when the runtime starts), so <c>coordinator serve</c>
/// replaces itself once, in place (same process id, same arguments, same descriptors), with the variable set.
/// An operator who sets the variable keeps that value; 0 keeps the runtime's own choice. docs/benchmarks.md, "Member
/// memory", has the measurements.
/// </summary>
internal static class Gen0Budget
{
    private const string Variable = "DOTNET_GCgen0size";

    /// <summary>
    /// 8 MiB, in the runtime's hexadecimal notation: as small as 4 MiB in resident memory, with half as many
    /// collections when 4 KiB writes keep megabytes in flight.
    /// </summary>
    private const string Budget = "0x800000";

    /// <summary>Re-executes this process with the budget set, unless it already is (or this is not Linux). Returns only when it does not.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return;
        string[] arguments;
        try
        {
            // The exact argv this process started with (e.g. "dotnet coordinator.dll serve ..."), each NUL-terminated.
            arguments = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return;
        }
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(variable => $"{variable.Key}={variable.Value}")
            .Append($"{Variable}={Budget}");
        // argv and envp end with a null pointer. Should execve fail, the member runs on with the runtime's default budget.
        _ = Execve("/proc/self/exe", [.. arguments, null], [.. environment, null]);
    }

    // LPStr is UTF-8 on Linux.
    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    private static extern int Execve([MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
}
