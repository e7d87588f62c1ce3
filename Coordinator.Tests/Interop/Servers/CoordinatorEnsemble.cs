using Coordinator.Bench.Servers;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>Three Coordinator voting members, each a real <c>coordinator serve --id N</c> process of the built host.</summary>
public sealed class CoordinatorEnsemble() : EnsembleFixture(new CoordinatorMemberLauncher(), participants: 3, observers: 0)
{
    public override string Kind => "CoordinatorEnsemble";
}

/// <summary>Three Coordinator voting members plus two observers (ids 4 and 5).</summary>
public sealed class CoordinatorEnsembleWithObservers() : EnsembleFixture(new CoordinatorMemberLauncher(), participants: 3, observers: 2)
{
    public override string Kind => "CoordinatorEnsembleWithObservers";
}
