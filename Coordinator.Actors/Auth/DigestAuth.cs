using System.Security.Cryptography;
using System.Text;
using Coordinator.Protocol;

namespace Coordinator.Actors.Auth;

/// <summary>The digest scheme: identity <c>user:base64(SHA-1("user:password"))</c>.</summary>
public static class DigestAuth
{
    /// <summary>"user:password" -> "user:hash". Example: <c>super:test</c> -> <c>super:D/InIHSb7yEEbrWz8b9l71RjZJU=</c>.</summary>
    public static string GenerateDigest(string idPassword)
    {
        var user = idPassword.Split(':', 2)[0];
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(idPassword));
        return user + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>
    /// The identities an auth packet with scheme digest adds to a connection. Never fails: a wrong
    /// password is just a different identity. When the digest equals <paramref name="superDigest"/>
    /// the connection also becomes super.
    /// </summary>
    public static IReadOnlyList<Id> Authenticate(ReadOnlySpan<byte> auth, string? superDigest)
    {
        var digest = GenerateDigest(Encoding.UTF8.GetString(auth));
        var digestId = new Id(AuthSchemes.Digest, digest);
        return superDigest is not null && digest == superDigest
            ? [digestId, new Id(AuthSchemes.Super, "")]
            : [digestId];
    }

    /// <summary>A digest ACL id must split on ':' into exactly two parts (Java split semantics: trailing empties dropped).</summary>
    public static bool IsValidId(string id)
    {
        var parts = id.Split(':').AsEnumerable().Reverse().SkipWhile(p => p.Length == 0).Count();
        return parts == 2;
    }

    /// <summary>getACL without ADMIN shows digest ids as <c>user:x</c>.</summary>
    public static string Mask(string id)
    {
        var colon = id.IndexOf(':');
        return colon < 0 ? id : id[..colon] + ":x";
    }
}
