using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace UserMgmt.Operations;

/// <summary>
/// The row each key (an address, a group name; any case) first came in, over a command's whole input. Keys are kept as
/// 128-bit digests rather than text, so a million-row input costs tens of megabytes here, not hundreds; two keys sharing
/// a digest are far less likely than a disk error.
/// </summary>
internal sealed class FirstRows
{
    private readonly Dictionary<UInt128, int> _first = [];

    /// <summary>True, with the row it first came in, when the key came before; otherwise remembers this row as its first.</summary>
    public bool IsRepeat(string key, int row, out int firstRow)
    {
        var digest = Digest(key);
        if (_first.TryGetValue(digest, out firstRow)) return true;
        _first[digest] = row;
        return false;
    }

    private static UInt128 Digest(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key.ToUpperInvariant()), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
