namespace Coordinator.Bench.Workloads;

/// <summary>
/// Every workload, in report order, by name. Each run gets a fresh instance.
/// </summary>
public static class WorkloadCatalog
{
    private static readonly Func<IWorkload>[] Factories =
    [
        () => new CreateWorkload(),
        () => new SetDataWorkload("set-data", fixedSize: null),
        () => new SetDataWorkload("set-data-4k", fixedSize: 4096),
        ReadWorkload.GetData,
        ReadWorkload.Exists,
        () => new GetChildrenWorkload(),
        () => new MixedWorkload(),
        () => new WatchFanOutWorkload(),
        () => new SessionChurnWorkload(),
        () => new LockHandOffWorkload(),
    ];

    public static IReadOnlyList<string> Names { get; } = Factories.Select(f => f().Name).ToArray();

    public static IWorkload Create(string name) =>
        Factories.Select(f => f()).FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"Unknown workload '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    public static IReadOnlyList<IWorkload> All() => Factories.Select(f => f()).ToArray();
}
