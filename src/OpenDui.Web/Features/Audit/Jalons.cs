using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Audit;

/// <summary>
/// The installation's secret key for the signed checkpoints of the audit trails (<c>Audit:CleChainage</c>, base64,
/// at least 256 bits, from the environment or user secrets, never git). Without it anyone with write access to the
/// database could recompute the public SHA-256 chain or cut its tail unnoticed.
/// </summary>
public sealed class CleChainage
{
    public const string Parametre = "Audit:CleChainage";
    private readonly byte[]? _cle;

    public CleChainage(IConfiguration config, IHostEnvironment env, ILogger<CleChainage> log)
    {
        var configuree = config[Parametre];
        if (!string.IsNullOrWhiteSpace(configuree))
        {
            _cle = Convert.FromBase64String(configuree);
            if (_cle.Length < 32) throw new InvalidOperationException($"{Parametre} doit faire au moins 256 bits (base64).");
        }
        else if (env.IsDevelopment())
            _cle = CleDeDeveloppement(Path.Combine(env.ContentRootPath, "data", "cle-chainage-audit.key"));
        else if (env.IsEnvironment("Test"))
            _cle = RandomNumberGenerator.GetBytes(32); // a throw-away database lives no longer than the process
        else
            log.LogWarning("{Parametre} n'est pas configurée : pas de jalons signés, la troncature et le recalcul des journaux d'audit ne sont pas détectables.", Parametre);
    }

    public bool Configuree => _cle is not null;

    public string Signer(string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_cle ?? throw new InvalidOperationException($"{Parametre} n'est pas configurée."), Encoding.UTF8.GetBytes(message)));

    /// <summary>Development only: generated once beside the SQLite file (git-ignored) so that checkpoints survive a restart.</summary>
    private static byte[] CleDeDeveloppement(string fichier)
    {
        if (File.Exists(fichier)) return Convert.FromBase64String(File.ReadAllText(fichier).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(fichier)!);
        var cle = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(fichier, Convert.ToBase64String(cle));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fichier, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return cle;
    }
}

/// <summary>A signed statement "trail J held N entries up to entry I, whose hash was H, at time T".</summary>
public sealed class Jalon
{
    public long Id { get; set; }
    public string Journal { get; set; } = "";
    public long DerniereTraceId { get; set; }
    public string DernierHash { get; set; } = "";
    public long NombreTraces { get; set; }
    public string Horodatage { get; set; } = "";
    public string Signature { get; set; } = "";

    public string Message() => string.Join('\u001f', "opendui-jalon-v1", Journal, DerniereTraceId.ToString(CultureInfo.InvariantCulture),
        DernierHash, NombreTraces.ToString(CultureInfo.InvariantCulture), Horodatage);

    public bool SignatureValide(CleChainage cle) =>
        cle.Configuree && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(cle.Signer(Message())), Encoding.ASCII.GetBytes(Signature));
}

/// <summary>
/// Signed checkpoints of the two trails, kept in the append-only table <c>JalonsAudit</c> (raw SQL, outside the EF
/// model and the trace tables). A checkpoint pins the newest entry's id and hash and the number of entries with the
/// installation's key; the DPO's verification compares the trail with the latest one, so that deleting the newest
/// entries or rewriting the chain with recomputed SHA-256 hashes shows, up to the latest checkpoint.
/// </summary>
public sealed class JalonsAudit(OpenDuiDbContext db, CleChainage cle, ILogger<JalonsAudit> log)
{
    public bool Actifs => cle.Configuree;

    public async Task<Jalon?> DernierAsync(Journal journal, CancellationToken ct)
    {
        var nom = journal.ToString();
        var jalons = await db.Database.SqlQuery<Jalon>(
                $"""SELECT "Id", "Journal", "DerniereTraceId", "DernierHash", "NombreTraces", "Horodatage", "Signature" FROM "JalonsAudit" WHERE "Journal" = {nom} ORDER BY "Id" DESC LIMIT 1""")
            .ToListAsync(ct);
        return jalons.FirstOrDefault();
    }

    /// <summary>Signs the trail's current state when it grew since the latest checkpoint; returns the checkpoint
    /// written, or null (no key, empty trail, nothing new).</summary>
    public async Task<Jalon?> EcrireAsync(Journal journal, CancellationToken ct)
    {
        if (!cle.Configuree) return null;
        var dernier = journal == Journal.Acces
            ? await db.TracesAcces.AsNoTracking().OrderByDescending(t => t.Id).Select(t => new { t.Id, t.Hash }).FirstOrDefaultAsync(ct)
            : await db.TracesModification.AsNoTracking().OrderByDescending(t => t.Id).Select(t => new { t.Id, t.Hash }).FirstOrDefaultAsync(ct);
        if (dernier is null) return null;
        var precedent = await DernierAsync(journal, ct);
        if (precedent?.DerniereTraceId >= dernier.Id) return null;
        if (precedent is not null)
        {
            // A checkpoint only ever extends the previous one: never sign a trail rewritten up to it, which would
            // bless the forgery; the DPO's check reports it instead.
            var hash = journal == Journal.Acces
                ? await db.TracesAcces.AsNoTracking().Where(t => t.Id == precedent.DerniereTraceId).Select(t => t.Hash).FirstOrDefaultAsync(ct)
                : await db.TracesModification.AsNoTracking().Where(t => t.Id == precedent.DerniereTraceId).Select(t => t.Hash).FirstOrDefaultAsync(ct);
            if (!precedent.SignatureValide(cle) || hash != precedent.DernierHash)
            {
                log.LogError("Journal d'audit {Journal} non conforme à son dernier jalon signé : aucun nouveau jalon, lancez la vérification.", journal);
                return null;
            }
        }
        // Counted from the previous checkpoint on: a range of the primary key, not the whole table.
        var (apres, base0) = (precedent?.DerniereTraceId ?? 0, precedent?.NombreTraces ?? 0);
        var nouvelles = journal == Journal.Acces
            ? await db.TracesAcces.LongCountAsync(t => t.Id > apres && t.Id <= dernier.Id, ct)
            : await db.TracesModification.LongCountAsync(t => t.Id > apres && t.Id <= dernier.Id, ct);
        var jalon = new Jalon
        {
            Journal = journal.ToString(), DerniereTraceId = dernier.Id, DernierHash = dernier.Hash, NombreTraces = base0 + nouvelles,
            Horodatage = Chaine.Horodatage(db.Maintenant),
        };
        jalon.Signature = cle.Signer(jalon.Message());
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "JalonsAudit" ("Journal", "DerniereTraceId", "DernierHash", "NombreTraces", "Horodatage", "Signature") VALUES ({jalon.Journal}, {jalon.DerniereTraceId}, {jalon.DernierHash}, {jalon.NombreTraces}, {jalon.Horodatage}, {jalon.Signature})""",
            ct);
        return jalon;
    }
}

/// <summary>Writes a checkpoint of each trail periodically (<c>Audit:IntervalleJalons</c>, default 5 minutes): the
/// window in which the newest entries could still be cut or rewritten unnoticed.</summary>
public sealed class EcritureJalons(IServiceScopeFactory scopes, CleChainage cle, IConfiguration config, ILogger<EcritureJalons> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        if (!cle.Configuree) return;
        using var minuterie = new PeriodicTimer(config.GetValue("Audit:IntervalleJalons", TimeSpan.FromMinutes(5)));
        while (await minuterie.WaitForNextTickAsync(ct))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var jalons = scope.ServiceProvider.GetRequiredService<JalonsAudit>();
                foreach (var j in Enum.GetValues<Journal>()) await jalons.EcrireAsync(j, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Écriture des jalons d'audit impossible");
            }
        }
    }
}
