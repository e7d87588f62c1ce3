namespace Coordinator.Runtime.Dispatch;

/// <summary>Decides where a mailbox with pending work gets run.</summary>
public interface IDispatcher
{
    /// <summary>Runs <paramref name="mailbox"/> once, soon; called at most once per idle-to-busy transition.</summary>
    void Schedule(Mailbox mailbox);
}

/// <summary>Runs mailboxes on the .NET thread pool; an idle actor holds no thread.</summary>
public sealed class ThreadPoolDispatcher : IDispatcher
{
    public static readonly ThreadPoolDispatcher Instance = new();

    private ThreadPoolDispatcher() { }

    public void Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: false);
}
