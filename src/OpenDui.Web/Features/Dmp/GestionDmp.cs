using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

public sealed record DocumentVerseVue(Guid Id, string Titre, int NumeroVersion, EtatDocumentDmp Etat, string EtatLibelle, string? Raison, DateTimeOffset CreeLe,
    DateTimeOffset? VerseLe, bool InvisiblePatient, bool MasqueProfessionnels, bool AlerteIdentite);

/// <param name="Possible">A document may be sent now; otherwise <paramref name="Raison"/> says why (not configured, identity not qualified, opposition).</param>
public sealed record DossierDmp(Guid UsagerId, bool Possible, string? Raison, IReadOnlyList<DocumentVerseVue> Documents);

public sealed record DocumentDuDmp(string UniqueId, string RepositoryUniqueId, string Titre, string? Type, DateTimeOffset? CreeLe, string? TypeMime,
    bool InvisiblePatient, bool MasqueProfessionnels);

/// <param name="Disponible">False when the DMP could not be read (not configured, identity not qualified, no DMP...): <paramref name="Message"/> says why.</param>
public sealed record ConsultationDmp(Guid UsagerId, bool Disponible, string? Message, IReadOnlyList<DocumentDuDmp> Documents);

public sealed record FichierDmp(byte[] Contenu, string TypeContenu, string NomFichier);

/// <summary>The visibility asked for a sent document (null: unchanged).</summary>
public sealed record VisibiliteDemandee(bool? InvisiblePatient, bool? MasqueProfessionnels);

/// <summary>
/// The person's DMP seen from the record: what the DUI sent (state, reason), why it cannot send, the visibility and
/// deletion of a sent document (direct calls to the DMP, audited), and the consultation of the DMP's documents
/// (TD0.2 then TD3.1, TD3.2). Every read is within the reader's perimeter and traced.
/// </summary>
public sealed class GestionDmp(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, PartageDmp partage, IClientDmp client,
    IOptions<DmpOptions> options)
{
    /// <summary>Who masks, unmasks and deletes a sent document: those who validate projets and the care team's médecin and nurse.</summary>
    public static readonly Role[] Gestionnaires = [Role.Direction, Role.ChefDeService, Role.Medecin, Role.Infirmier];

    public async Task<Resultat<DossierDmp>> LireAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<DossierDmp>.Introuvable();
        var d = await DossierAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<DossierDmp>.Ok(d);
    }

    /// <summary>For the record's panel (the page checked and traced the opening). Not traced.</summary>
    public async Task<DossierDmp> DossierAsync(Guid usagerId, CancellationToken ct)
    {
        var possible = await partage.PeutVerserAsync(usagerId, ct);
        var docs = await db.DocumentsDmp.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderByDescending(x => x.CreeLe).ToListAsync(ct);
        return new DossierDmp(usagerId, possible.Possible, possible.Raison, docs.Select(Vue).ToList());
    }

    private static DocumentVerseVue Vue(DocumentVerse x) => new(x.Id, x.Titre, x.NumeroVersion, x.Etat, x.Etat.Libelle(), x.Raison, x.CreeLe, x.VerseLe,
        x.InvisiblePatient, x.MasqueProfessionnels, x.AlerteIdentite);

    /// <summary>The DMP's documents (TD0.2, then TD3.1). Traced (unless <paramref name="ressource"/> is null: the page that
    /// shows it traced its read), and the consultation is in the change trail.</summary>
    public async Task<Resultat<ConsultationDmp>> ConsulterAsync(Guid usagerId, string? ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<ConsultationDmp>.Introuvable();
        if (ressource is not null) await journal.TracerLectureAsync(db, usagerId, ressource);
        var (ctx, message) = await ContexteAsync(usagerId, ct);
        if (ctx is null) return Resultat<ConsultationDmp>.Ok(new(usagerId, false, message, []));
        var etat = await client.VerifierDmpAsync(ctx, ct);
        if (!etat.Reussi) return Resultat<ConsultationDmp>.Ok(new(usagerId, false, etat.Message, []));
        if (CanalDmp.RaisonEtat(etat.Valeur!.Statut) is { } raison && etat.Valeur.Statut != StatutDmp.Opposition)
            return Resultat<ConsultationDmp>.Ok(new(usagerId, false, raison.Replace("le document n'est pas versé", "il ne peut pas être consulté"), []));
        var r = await client.RechercherAsync(ctx, ct);
        db.TracerActe("Dmp", usagerId.ToString(), "Consultation DMP", new { reussi = r.Reussi, nombre = r.Valeur?.Count }, usagerId);
        await db.SaveChangesAsync(ct);
        if (!r.Reussi) return Resultat<ConsultationDmp>.Ok(new(usagerId, false, r.Message, []));
        return Resultat<ConsultationDmp>.Ok(new(usagerId, true, null, r.Valeur!.OrderByDescending(d => d.CreeLe)
            .Select(d => new DocumentDuDmp(d.UniqueId, d.RepositoryUniqueId, d.Titre, d.Type?.Libelle, d.CreeLe, d.TypeMime, d.Visibilite.InvisiblePatient,
                d.Visibilite.MasqueProfessionnels)).ToList()));
    }

    /// <summary>One document of the DMP (TD3.2): a CDA with a PDF body as the PDF, any other as its text. Traced.</summary>
    public async Task<Resultat<FichierDmp>> OuvrirAsync(Guid usagerId, string uniqueId, string? repositoryUniqueId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<FichierDmp>.Introuvable();
        await journal.TracerLectureAsync(db, usagerId, ressource);
        var (ctx, message) = await ContexteAsync(usagerId, ct);
        if (ctx is null) return Resultat<FichierDmp>.Conflit("", message!);
        var r = await client.RecupererAsync(uniqueId, repositoryUniqueId, ctx, ct);
        db.TracerActe("Dmp", usagerId.ToString(), "Ouverture DMP", new { uniqueId, reussi = r.Reussi }, usagerId);
        await db.SaveChangesAsync(ct);
        if (!r.Reussi) return r.Erreur == ErreurDmp.Introuvable ? Resultat<FichierDmp>.Introuvable()
            : r.AReessayer ? Resultat<FichierDmp>.Indisponible(r.Message) : Resultat<FichierDmp>.Conflit("", r.Message);
        return Resultat<FichierDmp>.Ok(Fichier(r.Valeur!));
    }

    /// <summary>A CDA whose body is a PDF gives the PDF; anything else is given as text (never rendered as HTML).</summary>
    public static FichierDmp Fichier(DocumentRecupere d)
    {
        try
        {
            var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(d.Contenu));
            XNamespace v3 = "urn:hl7-org:v3";
            if (xml.Root?.Element(v3 + "component")?.Element(v3 + "nonXMLBody")?.Element(v3 + "text") is { } texte
                && (string?)texte.Attribute("mediaType") == "application/pdf")
                return new FichierDmp(Convert.FromBase64String(texte.Value), "application/pdf", "document-dmp.pdf");
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException) { }
        return new FichierDmp(d.Contenu, "text/plain; charset=utf-8", "document-dmp.txt");
    }

    /// <summary>Hides a sent document from the person or masks it to professionals (or the reverse); before sending, only the choice is kept.</summary>
    public async Task<Resultat<DocumentVerseVue>> ChangerVisibiliteAsync(Guid documentId, VisibiliteDemandee v, CancellationToken ct)
    {
        if (await DocumentAsync(documentId, ct) is not { } doc) return Resultat<DocumentVerseVue>.Introuvable();
        if (!await perimetre.PeutAgirAsync(doc.UsagerId, Gestionnaires, ct))
            return Resultat<DocumentVerseVue>.Interdit("Seuls la direction, les chefs de service, le médecin et les infirmiers gèrent la visibilité des documents du DMP.");
        var voulu = new VisibiliteDmp(v.InvisiblePatient ?? doc.InvisiblePatient, v.MasqueProfessionnels ?? doc.MasqueProfessionnels);
        if (doc.Etat is EtatDocumentDmp.Refuse or EtatDocumentDmp.Supprime) return Resultat<DocumentVerseVue>.Conflit("", "Ce document n'est pas dans le DMP.");
        if (doc.Etat == EtatDocumentDmp.Verse)
        {
            var (ctx, message) = await ContexteAsync(doc.UsagerId, ct);
            if (ctx is null) return Resultat<DocumentVerseVue>.Conflit("", message!);
            var r = await client.ChangerVisibiliteAsync(doc.UniqueId, voulu, ctx, ct);
            db.TracerActe("DocumentDmp", doc.Id.ToString(), "Visibilité DMP", new { voulu.InvisiblePatient, voulu.MasqueProfessionnels, reussi = r.Reussi }, doc.UsagerId);
            if (!r.Reussi)
            {
                await db.SaveChangesAsync(ct);
                return r.AReessayer ? Resultat<DocumentVerseVue>.Indisponible(r.Message) : Resultat<DocumentVerseVue>.Conflit("", r.Message);
            }
        }
        else db.TracerActe("DocumentDmp", doc.Id.ToString(), "Visibilité DMP", new { voulu.InvisiblePatient, voulu.MasqueProfessionnels, avantEnvoi = true }, doc.UsagerId);
        (doc.InvisiblePatient, doc.MasqueProfessionnels) = (voulu.InvisiblePatient, voulu.MasqueProfessionnels);
        await db.SaveChangesAsync(ct);
        return Resultat<DocumentVerseVue>.Ok(Vue(doc));
    }

    /// <summary>Deletes a sent document from the DMP (the DUI keeps its row, marked deleted).</summary>
    public async Task<Resultat<DocumentVerseVue>> SupprimerAsync(Guid documentId, CancellationToken ct)
    {
        if (await DocumentAsync(documentId, ct) is not { } doc) return Resultat<DocumentVerseVue>.Introuvable();
        if (!await perimetre.PeutAgirAsync(doc.UsagerId, Gestionnaires, ct))
            return Resultat<DocumentVerseVue>.Interdit("Seuls la direction, les chefs de service, le médecin et les infirmiers suppriment un document du DMP.");
        if (doc.Etat != EtatDocumentDmp.Verse) return Resultat<DocumentVerseVue>.Conflit("", "Ce document n'est pas dans le DMP.");
        var (ctx, message) = await ContexteAsync(doc.UsagerId, ct);
        if (ctx is null) return Resultat<DocumentVerseVue>.Conflit("", message!);
        var r = await client.SupprimerAsync(doc.UniqueId, ctx, ct);
        db.TracerActe("DocumentDmp", doc.Id.ToString(), "Suppression DMP", new { doc.Titre, doc.NumeroVersion, reussi = r.Reussi }, doc.UsagerId);
        if (r.Reussi) doc.Etat = EtatDocumentDmp.Supprime;
        await db.SaveChangesAsync(ct);
        if (!r.Reussi) return r.AReessayer ? Resultat<DocumentVerseVue>.Indisponible(r.Message) : Resultat<DocumentVerseVue>.Conflit("", r.Message);
        return Resultat<DocumentVerseVue>.Ok(Vue(doc));
    }

    private async Task<DocumentVerse?> DocumentAsync(Guid id, CancellationToken ct)
    {
        var doc = await db.DocumentsDmp.SingleOrDefaultAsync(d => d.Id == id, ct);
        return doc is not null && await perimetre.PeutLireAsync(doc.UsagerId, ct) ? doc : null;
    }

    /// <summary>The DMP call's context for the signed-in professional, or why there is none.</summary>
    private async Task<(ContexteDmp? Contexte, string? Message)> ContexteAsync(Guid usagerId, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Configure) return (null, "Le DMP n'est pas configuré sur cette installation.");
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == usagerId, ct);
        if (IdentifiantsSortants.InsSortant(u, o.AccepterOidTest) is not { } ins)
            return (null, "L'identité de la personne n'est pas qualifiée : le DMP ne peut pas être consulté.");
        var essms = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule).OrderByDescending(s => s.DateAdmissionPrevue)
            .Select(s => s.EssmsId).FirstAsync(ct);
        return (await CanalDmp.ContexteAsync(db, o, ins, db.Auteur.Id, db.Auteur.Nom, essms, ct), null);
    }
}

/// <summary>The record's panel "Mon espace santé (DMP)": what was sent and why nothing can be.</summary>
internal sealed class PanneauDmp(GestionDmp gestion) : IPanneauDossier
{
    public const int Ordre = 520;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        new(Ordre, "/Features/Dmp/_PanneauDmp.cshtml", await gestion.DossierAsync(usagerId, ct));
}
