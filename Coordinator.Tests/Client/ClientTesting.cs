using Coordinator.Client.Api;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Client;

/// <summary>Shared helpers of the client tests: connecting to a target, unique paths, bounded waits.</summary>
internal static class ClientTesting
{
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static Task<CoordinatorClient> ConnectAsync(IServerUnderTest target, string chroot = "", TimeSpan? sessionTimeout = null,
        CoordinatorClientOptions? options = null) =>
        CoordinatorClient.ConnectAsync(target.ConnectString() + chroot, sessionTimeout ?? SessionTimeout, options);

    public static string UniquePath(string name) => $"/client-{name}-{Guid.NewGuid():N}";

    /// <summary>Awaits <paramref name="task"/>, failing the test instead of hanging if it never completes.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Patience);

    public static Task Within(this Task task) => task.WaitAsync(Patience);
}
