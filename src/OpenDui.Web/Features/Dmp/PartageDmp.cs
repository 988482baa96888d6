using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>Whether the DUI may send a document to the person's DMP now, and if not, why (French, no personal data).</summary>
public sealed record PossibiliteDmp(bool Possible, string? Raison, (string Matricule, string Oid)? Ins);

/// <summary>
/// The one question asked before anything goes to the DMP: the DMP is configured, the identity is qualified with its INS
/// (RNIV: only a qualified INS leaves the DUI), and the person did not object (<see cref="ChoixDeLaPersonne"/>).
/// It checks no perimeter: the caller did.
/// </summary>
public sealed class PartageDmp(OpenDuiDbContext db, IOptions<DmpOptions> options, ChoixDeLaPersonne choix)
{
    public DmpOptions Options => options.Value;

    public async Task<PossibiliteDmp> PeutVerserAsync(Guid usagerId, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configure) return new(false, "Le DMP n'est pas configuré sur cette installation.", null);
        var u = await db.Usagers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == usagerId, ct);
        if (u is null) return new(false, "Dossier introuvable.", null);
        if (IdentifiantsSortants.InsSortant(u, o.AccepterOidTest) is not { } ins)
            return new(false, "L'identité de la personne n'est pas qualifiée (INS vérifié par le téléservice INSi et pièce d'identité contrôlée) : rien n'est envoyé au DMP.", null);
        var d = await choix.PeutAsync(usagerId, ActeSoumis.AlimenterDmp, ct);
        if (!d.Autorise) return new(false, "La personne s'est opposée à l'alimentation de son DMP.", null);
        return new(true, null, ins);
    }

    /// <summary>The author's role in JDV_J01 for a professional of the ESSMS without RPPS (the DUI's own code). To map from the
    /// validator's role once the ANS test platform says which code it expects.</summary>
    public static readonly CodeCda RoleAuteur = new("LOGICIEL_DUI", "Logiciel de Dossier Usager Informatisé", "1.2.250.1.213.1.1.4.6", "TRE_R94-ProfessionSocial");

    /// <summary>A new uniqueId under the installation's root: root + ".3." + the row's id as a decimal number.</summary>
    public static string NouvelUniqueId(string oidRacine, Guid id) =>
        $"{oidRacine}.3.{new BigInteger(id.ToByteArray(), isUnsigned: true, isBigEndian: false)}";
}

/// <summary>A validated projet personnalisé goes to the person's DMP (level-1 CDA 80788-3 around its PDF/A), written with
/// the validation; a later version replaces the previous one.</summary>
internal sealed class VersementProjets(OpenDuiDbContext db, PartageDmp partage) : ISuiteValidationProjet
{
    public async Task ApresValidationAsync(ProjetValide p, CancellationToken ct)
    {
        var possible = await partage.PeutVerserAsync(p.UsagerId, ct);
        if (!possible.Possible) return;
        var o = partage.Options;
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == p.UsagerId, ct);
        var essms = await db.Set<Essms>().AsNoTracking().SingleAsync(e => e.Id == p.EssmsId, ct);
        var admission = await db.Sejours.AsNoTracking().Where(s => s.Id == p.SejourId).Select(s => s.DateAdmission ?? s.DateAdmissionPrevue).SingleAsync(ct);
        var id = Guid.CreateVersion7();
        var uniqueId = PartageDmp.NouvelUniqueId(o.OidRacine!, id);
        var auteur = new ProfessionnelCda(new IdentifiantCda(o.OidRacine + ".2", (p.ValideParId ?? Guid.Empty).ToString("N")), p.ValideParNom, "",
            PartageDmp.RoleAuteur);
        var (matricule, oid) = possible.Ins!.Value;
        var patient = new PatientCda(u.NomNaissance, u.PrenomsNaissance.Split(' ', StringSplitOptions.RemoveEmptyEntries), u.DateNaissance,
            u.Sexe switch { Sexe.F => SexeCda.F, Sexe.M => SexeCda.M, _ => SexeCda.Inconnu },
            new IdentifiantCda(o.OidRacine + ".1", u.Id.ToString("N")), CodeInseeLieuNaissance: u.LieuNaissance, Ins: new InsCda(matricule, oid));
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTimeOffset Jour(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), paris.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)));
        var entete = new EnteteCda(new IdentifiantCda(uniqueId), new IdentifiantCda(o.OidRacine + ".4", p.ProjetId.ToString("N")), p.Numero,
            TypeDocumentCda.ProjetPersonnalise, p.Titre, p.ValideLe, patient, auteur,
            new EssmsCda(essms.FinessEt, essms.Nom, SecteurCda.Depuis(essms.ChampActivite)), auteur,
            new ActeCda(Jour(p.DateEffet), null, auteur), Jour(admission));
        if (entete.Incoherence() is not null) return;
        var cda = CdaPdf.Produire(entete, await p.PdfAsync(ct));
        var precedent = await db.DocumentsDmp.AsNoTracking().Where(d => d.SetId == p.ProjetId && d.Etat != EtatDocumentDmp.Supprime && d.Etat != EtatDocumentDmp.Refuse)
            .OrderByDescending(d => d.NumeroVersion).Select(d => d.UniqueId).FirstOrDefaultAsync(ct);
        var envoi = BoiteEnvoi.Deposer(db, CanauxEnvoi.Dmp, "dmp:" + uniqueId, new ChargeDmp(id), p.UsagerId, p.EssmsId);
        db.DocumentsDmp.Add(new DocumentVerse
        {
            Id = id, UsagerId = p.UsagerId, EssmsId = p.EssmsId, SourceId = p.VersionId, SetId = p.ProjetId, NumeroVersion = p.Numero, UniqueId = uniqueId,
            UniqueIdRemplace = precedent, Titre = p.Titre, Contenu = cda, InvisiblePatient = p.InvisiblePourLaPersonne, CreeLe = db.Maintenant,
            AuteurId = p.ValideParId, AuteurNom = p.ValideParNom, EnvoiId = envoi.Id,
        });
        db.Noter(p.UsagerId, "Dmp", $"{p.Titre} (version {p.Numero}) préparé pour le DMP", p.EssmsId);
    }
}

/// <summary>What an envoi of the DMP channel carries: the row to send.</summary>
public sealed record ChargeDmp(Guid DocumentId);
