using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace UserMgmt.Rest;

/// <summary>
/// What the redactor keeps of one form of a secret instead of the form itself: its length, a rolling
/// hash that finds candidate windows in one pass over a text, and a keyed SHA-256 that confirms them.
/// The key, the rolling hash's base and the hashes are this process's own and never leave it.
/// </summary>
internal sealed class SecretFingerprint
{
    // A Mersenne prime below 2^31, so a product of two residues fits in 64 bits.
    private const ulong Modulus = (1UL << 31) - 1;

    private readonly byte[] _digest;

    private SecretFingerprint(int length, ulong rolling, byte[] digest) => (Length, Rolling, _digest) = (length, rolling, digest);

    public int Length { get; }
    public ulong Rolling { get; }

    public static SecretFingerprint Of(string form, Keys keys) => new(form.Length, RollingHash(form, keys.Base), keys.Digest(form));

    /// <summary>Confirms a candidate window whose rolling hash matched.</summary>
    public bool Matches(ReadOnlySpan<char> window, Keys keys) =>
        window.Length == Length && CryptographicOperations.FixedTimeEquals(keys.Digest(window), _digest);

    public static ulong RollingHash(ReadOnlySpan<char> text, ulong @base)
    {
        ulong hash = 0;
        foreach (var c in text) hash = (hash * @base + c) % Modulus;
        return hash;
    }

    /// <summary>Moves a window's hash one character on: <paramref name="leaving"/> out, <paramref name="entering"/> in.</summary>
    public static ulong Roll(ulong hash, char leaving, char entering, ulong @base, ulong leadingPower) =>
        ((hash + Modulus - leaving * leadingPower % Modulus) % Modulus * @base + entering) % Modulus;

    public static ulong Power(ulong @base, int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++) result = result * @base % Modulus;
        return result;
    }

    /// <summary>The random key and base one redactor fingerprints with.</summary>
    public sealed class Keys
    {
        private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

        public ulong Base { get; } = (ulong)RandomNumberGenerator.GetInt32(1 << 16, (int)Modulus);

        public byte[] Digest(ReadOnlySpan<char> text) => HMACSHA256.HashData(_key, MemoryMarshal.AsBytes(text));
    }
}
