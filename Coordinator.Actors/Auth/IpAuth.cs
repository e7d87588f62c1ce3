using System.Net;

namespace Coordinator.Actors.Auth;

/// <summary>The ip scheme: ACL ids <c>addr</c> or <c>addr/prefixBits</c>, IPv4 (dotted quad) or IPv6.</summary>
public static class IpAuth
{
    public static bool IsValidId(string id) => TryParseRange(id, out _, out _);

    /// <summary>True when <paramref name="clientAddress"/> lies in the range <paramref name="aclId"/> names.</summary>
    public static bool Matches(string aclId, string clientAddress)
    {
        if (!TryParseRange(aclId, out var network, out var bits) || !TryParseAddress(clientAddress, out var client))
        {
            return false;
        }
        if (network.Length != client.Length)
        {
            return false;
        }
        for (var i = 0; i < network.Length; i++)
        {
            var bitsHere = Math.Clamp(bits - (i * 8), 0, 8);
            var mask = (byte)(0xFF << (8 - bitsHere));
            if ((network[i] & mask) != (client[i] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseRange(string id, out byte[] address, out int bits)
    {
        var parts = id.Split('/', 2);
        bits = 0;
        if (!TryParseAddress(parts[0], out address))
        {
            return false;
        }
        bits = address.Length * 8;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out bits) || bits > address.Length * 8)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParseAddress(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var v6))
            {
                return false;
            }
            bytes = v6.GetAddressBytes();
            return bytes.Length == 16;
        }
        // IPAddress.TryParse accepts shorthand like "10.1"; ACL ids must be a full dotted quad.
        var octets = text.Split('.');
        if (octets.Length != 4)
        {
            return false;
        }
        var result = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(octets[i], System.Globalization.NumberStyles.None, null, out result[i]))
            {
                return false;
            }
        }
        bytes = result;
        return true;
    }
}
