using System.Security.Cryptography;
using System.Text;

namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>
/// Name-based ids: the same name always gives the same GUID (SHA-256 of the name, RFC 9562 version 8 layout). For
/// calls that must be idempotent across retries and crashes: a checkout's id from (user, idempotency key), the
/// reservation and payment of each of its attempts, a refund from (order, key). Prefix names with what they identify
/// (<c>"refund:"</c>) so that two kinds of id never collide.
/// </summary>
public static class DerivedId
{
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
