using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Pilotage;

public sealed record DemandeRapportUsage(string? FinessEt, DateOnly? Debut, DateOnly? Fin);

public sealed record RapportUsageExporte(Guid Id, string FinessEt, DateOnly Debut, DateOnly Fin, IReadOnlyList<MesureRapportee> Indicateurs, string Jws)
{
    public string NomFichier => $"rapport-usage-{FinessEt}-{Debut:yyyyMMdd}-{Fin:yyyyMMdd}.jws";
}

/// <summary>The organisation's signing certificate is missing or unreadable: no report can be signed.</summary>
public sealed class SignatureIndisponibleException(string message) : Exception(message);

/// <summary>
/// The signed usage-target report of one ESSMS over one period (docs/rapport-usage-v1.md): the indicators the
/// DUI really measures, aggregate counts only, signed with the organisation's certificate. DMP and MSSanté
/// indicators are left out when the DUI has no such channel: never a zero standing for "not measured".
/// </summary>
public sealed class ExportRapportUsage(OpenDuiDbContext db, PerimetreAcces perimetre, IndicateurIdentitesQualifiees identites,
    Envois.MesuresEnvois envois, IConfiguration configuration, TimeProvider horloge)
{
    public static readonly Role[] Exportateurs = [Role.Direction, Role.ChefDeService];

    /// <summary>For a signed-in professional: direction or chef de service of that ESSMS only (anything else: not found).</summary>
    public Task<Resultat<RapportUsageExporte>> ExporterAsync(DemandeRapportUsage d, CancellationToken ct) => ProduireAsync(d, verifierPerimetre: true, ct);

    /// <summary>For the server's operator (CLI), who already holds the database and the certificate.</summary>
    public Task<Resultat<RapportUsageExporte>> ExporterEnAdministrationAsync(DemandeRapportUsage d, CancellationToken ct) => ProduireAsync(d, verifierPerimetre: false, ct);

    private async Task<Resultat<RapportUsageExporte>> ProduireAsync(DemandeRapportUsage d, bool verifierPerimetre, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        if (!Finess.TryParse(d.FinessEt, out var finess, out var erreurFiness)) erreurs.Ajouter("finessEt", erreurFiness!);
        if (d.Debut is null || d.Fin is null) erreurs.Ajouter("periode", "Les dates de début et de fin de période sont obligatoires.");
        else if (d.Fin < d.Debut) erreurs.Ajouter("fin", "La fin de période précède son début.");
        else if (d.Fin >= AujourdhuiAParis()) erreurs.Ajouter("fin", $"La période doit être révolue : elle peut finir au plus tard hier ({AujourdhuiAParis().AddDays(-1):dd/MM/yyyy}).");
        if (erreurs.Any) return Resultat<RapportUsageExporte>.Invalide(erreurs);
        var (debut, fin) = (d.Debut!.Value, d.Fin!.Value);

        var essms = await db.Essms.AsNoTracking().Where(e => e.FinessEt == finess.Valeur)
            .Select(e => new { e.Id, e.FinessEt, FinessEj = e.Organisme!.FinessEj }).SingleOrDefaultAsync(ct);
        if (essms is null || (verifierPerimetre && !await perimetre.PeutAgirDansEssmsAsync(essms.Id, Exportateurs, ct)))
            return Resultat<RapportUsageExporte>.Introuvable();

        using var certificat = ChargerCertificat();
        var contenu = new ContenuRapport(Guid.NewGuid(), TronquerALaSeconde(horloge.GetUtcNow()), essms.FinessEt, essms.FinessEj, new Periode(debut, fin),
            new LogicielEmetteur("OpenDUI", VersionLogiciel), await MesurerAsync(essms.Id, debut, fin, ct));
        string jws;
        try { jws = FormatRapportUsage.Signer(contenu, certificat); }
        catch (RapportUsageInvalideException e) { throw new SignatureIndisponibleException("Signature impossible : " + e.Message.Replace("Rapport d'usage refusé : ", "")); }

        // The proof leaving the DUI is accountable like a change: who, when, which ESSMS and period, which counts.
        db.TracerActe("RapportUsage", contenu.Id.ToString(), "Export", new
        {
            contenu.FinessEt, Debut = debut.ToString("yyyy-MM-dd"), Fin = fin.ToString("yyyy-MM-dd"),
            Indicateurs = contenu.Indicateurs.Select(i => $"{i.Code} {i.Numerateur}/{i.Denominateur}"),
            Certificat = FormatRapportUsage.Empreinte(certificat),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(jws))),
        });
        await db.SaveChangesAsync(ct);
        return Resultat<RapportUsageExporte>.Ok(new(contenu.Id, contenu.FinessEt, debut, fin, contenu.Indicateurs, jws));
    }

    /// <summary>
    /// The indicators of the report for one ESSMS over one period (DUI_ACTIF, INS_QUALIFIEE, and DMP_ALIMENTATION, MSS_ENVOI
    /// when the DUI has those channels), unsigned and untraced: for
    /// a caller whose right on the ESSMS was checked beforehand (the report itself, the direction's dashboard).
    /// </summary>
    public async Task<IReadOnlyList<MesureRapportee>> MesurerAsync(Guid essmsId, DateOnly debut, DateOnly fin, CancellationToken ct)
    {
        var (insN, insD) = await identites.MesurerAsync(essmsId, debut, fin, ct);
        var (actifN, actifD) = await DuiActifAsync(essmsId, debut, fin, ct);
        List<MesureRapportee> mesures = [new(CodesIndicateurs.DuiActif, actifN, actifD), new(CodesIndicateurs.InsQualifiee, insN, insD)];
        var (de, a) = (DebutDuJour(debut), DebutDuJour(fin.AddDays(1)));
        if (envois.Mesure(Envois.CanauxEnvoi.Dmp))
        {
            var (n, d) = await envois.DmpAlimentationAsync(essmsId, debut, fin, de, a, ct);
            mesures.Add(new(CodesIndicateurs.DmpAlimentation, n, d));
        }
        if (envois.Mesure(Envois.CanauxEnvoi.MsSante))
            mesures.Add(new(CodesIndicateurs.MssEnvoi, await envois.MssEnvoiAsync(essmsId, de, a, ct)));
        return mesures;
    }

    /// <summary>
    /// DUI_ACTIF: among the usagers accompanied in the ESSMS over the period (same denominator as INS_QUALIFIEE),
    /// those whose record was fed during the period, i.e. received at least one change made by a professional, as
    /// the hash-chained change trail records it (identity, entourage, protection, séjours, and every module to come).
    /// Changes made by the system (CLI, imports, start-up) do not count.
    /// </summary>
    private async Task<(int Numerateur, int Denominateur)> DuiActifAsync(Guid essmsId, DateOnly debut, DateOnly fin, CancellationToken ct)
    {
        var (de, a) = (DebutDuJour(debut), DebutDuJour(fin.AddDays(1)));
        var accompagnes = IndicateurIdentitesQualifiees.SejoursDeLaPeriode(db, debut, fin).Where(s => s.EssmsId == essmsId).Select(s => s.UsagerId);
        var usagers = db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null && accompagnes.Contains(u.Id));
        var denominateur = await usagers.CountAsync(ct);
        var numerateur = await usagers.CountAsync(u => db.TracesModification.Any(t => t.UsagerId == u.Id && t.AuteurId != null && t.Horodatage >= de && t.Horodatage < a), ct);
        return (numerateur, denominateur);
    }

    // The format's days are Europe/Paris days, whatever the server's time zone.
    private DateOnly AujourdhuiAParis() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), FormatRapportUsage.Paris).DateTime);

    private static DateTimeOffset DebutDuJour(DateOnly jour) =>
        new(TimeZoneInfo.ConvertTimeToUtc(jour.ToDateTime(TimeOnly.MinValue), FormatRapportUsage.Paris), TimeSpan.Zero);

    private static DateTimeOffset TronquerALaSeconde(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static readonly string VersionLogiciel =
        (typeof(ExportRapportUsage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "1.0.0").Split('+')[0];

    private X509Certificate2 ChargerCertificat()
    {
        var chemin = configuration["Pilotage:CertificatSignatureChemin"];
        if (string.IsNullOrWhiteSpace(chemin))
            throw new SignatureIndisponibleException("Certificat de signature non configuré : renseignez Pilotage:CertificatSignatureChemin (fichier PKCS#12 de l'organisme) et Pilotage:CertificatSignatureMotDePasse.");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(chemin, configuration["Pilotage:CertificatSignatureMotDePasse"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new SignatureIndisponibleException("Certificat de signature illisible : vérifiez le fichier PKCS#12 (Pilotage:CertificatSignatureChemin) et son mot de passe.");
        }
    }
}
