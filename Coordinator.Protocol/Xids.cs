namespace Coordinator.Protocol;

/// <summary>Reserved xids with a fixed meaning in request and reply headers.</summary>
public static class Xids
{
    public const int Notification = -1;
    public const int Ping = -2;
    public const int Auth = -4;
    public const int SetWatches = -8;
}
