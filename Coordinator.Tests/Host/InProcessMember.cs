using Coordinator.Actors.Settings;
using Coordinator.Host.Composition;
using Coordinator.Host.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Tests.Host;

/// <summary>A standalone member in the test process, on the embedded defaults, a free loopback port and the given data folder.</summary>
internal static class InProcessMember
{
    public static RunningMember Start(string dataDir, IReadOnlyDictionary<string, string>? settings = null)
    {
        var overrides = new Dictionary<string, string>
        {
            ["coordinator.member.client-address"] = "127.0.0.1",
            ["coordinator.member.client-port"] = "0",
            ["coordinator.member.data-dir"] = dataDir,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) overrides[key] = value;
        var config = ConfigLoader.Load(null, overrides);
        return RunningMember.Start(CoordinatorSettings.From(config), NullLoggerFactory.Instance);
    }
}
