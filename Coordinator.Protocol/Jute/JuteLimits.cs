namespace Coordinator.Protocol.Jute;

/// <summary>Size limits shared by the jute reader and the frame reader.</summary>
public static class JuteLimits
{
    /// <summary>ZooKeeper's default <c>jute.maxbuffer</c> (0xfffff bytes), used for frames and for every string or buffer.</summary>
    public const int DefaultMaxBuffer = 0xfffff;
}
