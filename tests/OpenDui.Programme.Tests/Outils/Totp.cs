using System.Security.Cryptography;

namespace OpenDui.Programme.Tests.Outils;

/// <summary>RFC 6238 codes (SHA-1, 30 s, 6 digits), as an authenticator app computes them from the Base32 key.</summary>
public static class Totp
{
    public static string Code(string cleBase32, DateTimeOffset? quand = null)
    {
        var cle = Base32(cleBase32);
        var pas = (quand ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var compteur = BitConverter.GetBytes(pas);
        if (BitConverter.IsLittleEndian) Array.Reverse(compteur);
        var h = HMACSHA1.HashData(cle, compteur);
        var o = h[^1] & 0x0f;
        var code = ((h[o] & 0x7f) << 24 | h[o + 1] << 16 | h[o + 2] << 8 | h[o + 3]) % 1_000_000;
        return code.ToString("D6");
    }

    private static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        s = s.Replace(" ", "").TrimEnd('=').ToUpperInvariant();
        var octets = new List<byte>();
        int tampon = 0, bits = 0;
        foreach (var c in s)
        {
            tampon = (tampon << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8) { octets.Add((byte)(tampon >> (bits - 8))); bits -= 8; }
        }
        return octets.ToArray();
    }
}
