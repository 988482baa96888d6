using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OpenDui.Securite;

/// <summary>Names shared by the hosts' registrations of <see cref="CodesTotp{TUser, TContext}"/>.</summary>
public static class CodesTotp
{
    public const string Nom = "TotpUsageUnique";
    /// <summary>The clock of the codes (a keyed service): real time, as on the user's phone, whatever the business clock.</summary>
    public const string Horloge = "horloge-totp";
    /// <summary>The answer to a code that was right but already accepted: not a failed attempt, the user waits for the next code.</summary>
    public const string DejaUtilise = "Ce code à usage unique a déjà servi : attendez le code suivant de votre application d'authentification (un nouveau code toutes les 30 secondes), puis réessayez.";
}

public enum VerificationCode { Accepte, DejaUtilise, Incorrect }

/// <summary>
/// The authenticator's TOTP codes (RFC 6238: SHA-1, 30 s steps, 6 digits, one step of drift either way), each
/// accepted once: the last accepted time-step is recorded per account and any step at or before it is refused
/// (RFC 6238 §5.2). Identity's own provider remembers nothing (dotnet/aspnetcore#14423), so one observed code
/// would open any number of sessions for two minutes. Used by the login, the enrolment and the API token of each host.
/// </summary>
public sealed class CodesTotp<TUser, TContext>(TContext db, [FromKeyedServices(CodesTotp.Horloge)] TimeProvider horloge)
    : IUserTwoFactorTokenProvider<TUser>
    where TUser : IdentityUser<Guid>
    where TContext : IdentityUserContext<TUser, Guid>
{
    private const string Fournisseur = "OpenDui";
    private const string DernierPas = "DernierPasTotp";

    // Codes come from the user's app, never from the server.
    public Task<string> GenerateAsync(string purpose, UserManager<TUser> manager, TUser user) => Task.FromResult("");

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<TUser> manager, TUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<TUser> manager, TUser user) =>
        await VerifierAsync(manager, user, token) == VerificationCode.Accepte;

    /// <summary>
    /// Checks and consumes <paramref name="code"/>, telling a code of the account's key for this moment that was
    /// already accepted (the user should wait for the next one) from a wrong or expired code.
    /// </summary>
    public async Task<VerificationCode> VerifierAsync(UserManager<TUser> manager, TUser user, string? code)
    {
        var cle = await manager.GetAuthenticatorKeyAsync(user);
        if (Rfc6238.PasDuCode(cle, code, horloge.GetUtcNow()) is not { } pas) return VerificationCode.Incorrect;
        return await ConsommerAsync(user.Id, pas) ? VerificationCode.Accepte : VerificationCode.DejaUtilise;
    }

    /// <summary>Records <paramref name="pas"/> as the account's last step, unless it is not after the recorded
    /// one; atomic: of two requests carrying the same code, one only gets true.</summary>
    private async Task<bool> ConsommerAsync(Guid id, long pas)
    {
        // Fixed width, so that the text column compares as the number does.
        var valeur = pas.ToString("D15", CultureInfo.InvariantCulture);
        var ligne = db.UserTokens.Where(t => t.UserId == id && t.LoginProvider == Fournisseur && t.Name == DernierPas);
        if (await ligne.Where(t => string.Compare(t.Value, valeur) < 0).ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, valeur)) == 1)
            return true;
        if (await ligne.AnyAsync()) return false;
        // First code of the account: the primary key lets one of two concurrent inserts through.
        var nouvelle = new IdentityUserToken<Guid> { UserId = id, LoginProvider = Fournisseur, Name = DernierPas, Value = valeur };
        db.UserTokens.Add(nouvelle);
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(nouvelle).State = EntityState.Detached;
            return false;
        }
    }
}

/// <summary>RFC 6238 arithmetic on an authenticator key (Base32, as Identity stores it).</summary>
public static class Rfc6238
{
    public const int DureePas = 30;

    /// <summary>The time-step, within one step of <paramref name="maintenant"/>, whose code is <paramref name="code"/>; null if none.</summary>
    public static long? PasDuCode(string? cleBase32, string? code, DateTimeOffset maintenant)
    {
        code = code?.Replace(" ", "");
        if (string.IsNullOrEmpty(cleBase32) || code is not { Length: 6 } || !code.All(char.IsAsciiDigit)) return null;
        var cle = Base32(cleBase32);
        if (cle.Length == 0) return null;
        var attendu = int.Parse(code, CultureInfo.InvariantCulture);
        var courant = maintenant.ToUnixTimeSeconds() / DureePas;
        for (var pas = courant - 1; pas <= courant + 1; pas++)
            if (Code(cle, pas) == attendu) return pas;
        return null;
    }

    public static int Code(byte[] cle, long pas)
    {
        var compteur = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(compteur, pas);
        var h = HMACSHA1.HashData(cle, compteur);
        var o = h[^1] & 0x0f;
        return ((h[o] & 0x7f) << 24 | h[o + 1] << 16 | h[o + 2] << 8 | h[o + 3]) % 1_000_000;
    }

    public static byte[] Base32(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var octets = new List<byte>();
        int tampon = 0, bits = 0;
        foreach (var c in s.Replace(" ", "").TrimEnd('=').ToUpperInvariant())
        {
            var v = alphabet.IndexOf(c);
            if (v < 0) return [];
            tampon = ((tampon << 5) | v) & 0xFFFF;
            bits += 5;
            if (bits >= 8) { octets.Add((byte)(tampon >> (bits - 8))); bits -= 8; }
        }
        return [.. octets];
    }
}
