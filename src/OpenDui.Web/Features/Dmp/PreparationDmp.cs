using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// A document the DUI produced, to send to the person's DMP. <paramref name="SourceId"/>: what it was produced from (one
/// DMP document per source); <paramref name="SetId"/>: the series whose later versions replace the earlier ones (the CDA
/// setId); <paramref name="Numero"/>: its version, or null for the next one of the series. <paramref name="AuteurId"/>
/// null: an automatic document (the structure is the author).
/// </summary>
public sealed record DocumentAPreparer(Guid UsagerId, Guid EssmsId, Guid? SejourId, Guid SourceId, Guid SetId, TypeDocumentCda Type, string Titre,
    DateOnly DebutActe, DateOnly? FinActe, Guid? AuteurId, string AuteurNom, bool InvisiblePatient = false, int? Numero = null);

/// <summary>
/// Prepares a document for the DMP in the producing transaction: "may this be sent now" (<see cref="PartageDmp"/>), the
/// CDA with the French header, the <see cref="DocumentVerse"/> row and its outbox envoi (the caller's SaveChanges commits
/// them with its own rows). Nothing is added when sending is not allowed or the source was already prepared.
/// </summary>
public sealed class PreparationDmp(OpenDuiDbContext db, PartageDmp partage)
{
    /// <summary>A PDF (PDF/A) wrapped in a level-1 CDA.</summary>
    public Task<DocumentVerse?> PreparerPdfAsync(DocumentAPreparer d, Func<CancellationToken, Task<byte[]>> pdf, CancellationToken ct) =>
        PreparerAsync(d, async (entete, c) => CdaPdf.Produire(entete, await pdf(c)), ct);

    /// <summary>Any CDA built on the header (<paramref name="produire"/>: the PDF wrapper, the DLU...).</summary>
    public async Task<DocumentVerse?> PreparerAsync(DocumentAPreparer d, Func<EnteteCda, CancellationToken, Task<byte[]>> produire, CancellationToken ct)
    {
        var possible = await partage.PeutVerserAsync(d.UsagerId, ct);
        if (!possible.Possible) return null;
        var locaux = db.DocumentsDmp.Local.Where(x => x.UsagerId == d.UsagerId).ToList();
        if (locaux.Any(x => x.SourceId == d.SourceId) || await db.DocumentsDmp.AnyAsync(x => x.SourceId == d.SourceId, ct)) return null;
        var serie = (await db.DocumentsDmp.AsNoTracking().Where(x => x.SetId == d.SetId).Select(x => new { x.NumeroVersion, x.UniqueId, x.Etat }).ToListAsync(ct))
            .Concat(locaux.Where(x => x.SetId == d.SetId).Select(x => new { x.NumeroVersion, x.UniqueId, x.Etat })).ToList();
        var numero = d.Numero ?? (serie.Count == 0 ? 1 : serie.Max(x => x.NumeroVersion) + 1);
        var precedent = serie.Where(x => x.Etat != EtatDocumentDmp.Supprime && x.Etat != EtatDocumentDmp.Refuse)
            .OrderByDescending(x => x.NumeroVersion).Select(x => x.UniqueId).FirstOrDefault();

        var o = partage.Options;
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == d.UsagerId, ct);
        var essms = await db.Set<Essms>().AsNoTracking().SingleAsync(e => e.Id == d.EssmsId, ct);
        var sejours = db.Sejours.AsNoTracking().Where(s => s.UsagerId == d.UsagerId && s.EssmsId == d.EssmsId);
        if (d.SejourId is { } sejourId) sejours = db.Sejours.AsNoTracking().Where(s => s.Id == sejourId);
        var admission = await sejours.OrderByDescending(s => s.DateAdmissionPrevue).Select(s => (DateOnly?)(s.DateAdmission ?? s.DateAdmissionPrevue)).FirstOrDefaultAsync(ct);
        var id = Guid.CreateVersion7();
        var uniqueId = PartageDmp.NouvelUniqueId(o.OidRacine!, id);
        var acteur = await ActeursDmp.ActeurAsync(db, d.AuteurId, d.AuteurNom, d.EssmsId, ct);
        var role = acteur.Specialite ?? acteur.Profession;
        var auteur = d.AuteurId is { } a && a != Guid.Empty
            ? new ProfessionnelCda(new IdentifiantCda(o.OidRacine + ".2", a.ToString("N")), acteur.Nom, acteur.Prenom, new CodeCda(role.Code, role.Libelle, role.Systeme))
            : new ProfessionnelCda(new IdentifiantCda(o.OidRacine + ".2", Guid.Empty.ToString("N")), essms.Nom, "",
                new CodeCda(ActeursDmp.LogicielDui.Code, ActeursDmp.LogicielDui.Libelle, ActeursDmp.LogicielDui.Systeme));
        var (matricule, oid) = possible.Ins!.Value;
        var patient = new PatientCda(u.NomNaissance, u.PrenomsNaissance.Split(' ', StringSplitOptions.RemoveEmptyEntries), u.DateNaissance,
            u.Sexe switch { Sexe.F => SexeCda.F, Sexe.M => SexeCda.M, _ => SexeCda.Inconnu },
            new IdentifiantCda(o.OidRacine + ".1", u.Id.ToString("N")), CodeInseeLieuNaissance: u.LieuNaissance, Ins: new InsCda(matricule, oid));
        var entete = new EnteteCda(new IdentifiantCda(uniqueId), new IdentifiantCda(o.OidRacine + ".4", d.SetId.ToString("N")), numero,
            d.Type, d.Titre, db.Maintenant, patient, auteur,
            new EssmsCda(essms.FinessEt, essms.Nom, SecteurCda.Depuis(essms.ChampActivite)), auteur,
            new ActeCda(Jour(d.DebutActe), d.FinActe is { } f ? Jour(f) : null, auteur), Jour(admission ?? d.DebutActe));
        if (entete.Incoherence() is not null) return null;
        var cda = await produire(entete, ct);
        var envoi = BoiteEnvoi.Deposer(db, CanauxEnvoi.Dmp, "dmp:" + uniqueId, new ChargeDmp(id), d.UsagerId, d.EssmsId);
        var doc = new DocumentVerse
        {
            Id = id, UsagerId = d.UsagerId, EssmsId = d.EssmsId, SourceId = d.SourceId, SetId = d.SetId, NumeroVersion = numero, UniqueId = uniqueId,
            UniqueIdRemplace = precedent, Titre = d.Titre, Contenu = cda, InvisiblePatient = d.InvisiblePatient, CreeLe = db.Maintenant,
            AuteurId = d.AuteurId, AuteurNom = d.AuteurNom, EnvoiId = envoi.Id,
        };
        db.DocumentsDmp.Add(doc);
        db.Noter(d.UsagerId, "Dmp", $"{d.Titre} (version {numero}) préparé pour le DMP", d.EssmsId);
        return doc;
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static DateTimeOffset Jour(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), Paris.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue)));

    /// <summary>A stable id derived from a text (a source that has no row of its own: the bilans of a version, a DLU's content).</summary>
    public static Guid IdDerive(string texte)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes(texte));
        return new Guid(h.AsSpan(0, 16));
    }
}
