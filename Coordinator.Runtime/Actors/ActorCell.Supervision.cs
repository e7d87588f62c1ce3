using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

// One-for-one supervision. A failing actor suspends itself (user messages wait) and asks its parent,
// whose strategy answers with a directive sent back as a system message.
internal sealed partial class ActorCell
{
    private readonly Dictionary<ActorCell, RestartBudget> _restartBudgets = new();
    private bool _failed;

    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if (_state is State.Terminating or State.Terminated)
        {
            _log.LogError(cause, "Actor {Path} failed while stopping", Path);
            return;
        }
        _failed = true;
        _log.LogError(cause, "Actor {Path} ({ActorType}) failed processing {MessageType}",
            Path, _props.ActorType?.Name, message?.GetType().Name ?? "its start");
        if (_parent is null) BeginTerminate();
        else _parent.SendSystem(new ChildFailed(this, cause, message));
    }

    private void ResumeAfterFailure()
    {
        if (!_failed) return;
        _failed = false;
        // A failure may have been escalated here from a child that still waits for a verdict.
        foreach (var child in Children) ((IInternalActorRef)child).SendSystem(ResumeActor.Instance);
    }

    private void SuperviseFailedChild(ChildFailed failed)
    {
        var child = failed.Child;
        if (_state is State.Terminating || !IsLiveChild(child)) return;

        var strategy = _props.SupervisorStrategy ?? _actor?.DeclaredStrategy() ?? System.Settings.DefaultStrategy();
        switch (Decide(strategy, failed.Cause, child))
        {
            case Directive.Resume:
                child.SendSystem(ResumeActor.Instance);
                break;
            case Directive.Restart when ConsumeRestart(child, strategy):
                child.SendSystem(new RecreateActor(failed.Cause, failed.Message));
                break;
            case Directive.Restart:
                _log.LogWarning("Actor {Path} failed more than {MaxRestarts} times within {Window}; stopping it",
                    child.Path, strategy.MaxRestarts, strategy.RestartWindow);
                child.SendSystem(StopActor.Instance);
                break;
            case Directive.Stop:
                child.SendSystem(StopActor.Instance);
                break;
            case Directive.Escalate when IsGuardian:
                _log.LogError(failed.Cause, "Failure of {Path} escalated to guardian {Guardian}; stopping it", child.Path, Path);
                child.SendSystem(StopActor.Instance);
                break;
            case Directive.Escalate:
                HandleInvokeFailure(failed.Cause, null);
                break;
        }
    }

    private Directive Decide(SupervisorStrategy strategy, Exception cause, ActorCell child)
    {
        try
        {
            return strategy.Decide(cause);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Supervisor strategy of {Path} threw deciding on {Child}; stopping the child", Path, child.Path);
            return Directive.Stop;
        }
    }

    private bool ConsumeRestart(ActorCell child, SupervisorStrategy strategy)
    {
        if (!_restartBudgets.TryGetValue(child, out var budget)) _restartBudgets[child] = budget = new RestartBudget();
        return budget.TryConsume(System.Clock.Elapsed, strategy.MaxRestarts, strategy.RestartWindow);
    }
}
