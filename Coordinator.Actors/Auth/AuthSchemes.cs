namespace Coordinator.Actors.Auth;

/// <summary>The authentication schemes the server knows.</summary>
public static class AuthSchemes
{
    public const string World = "world";
    public const string Auth = "auth";
    public const string Digest = "digest";
    public const string Ip = "ip";
    public const string Super = "super";
}
