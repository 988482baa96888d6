using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Envois;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;
using OpenDui.Web.Interop.Dmp;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// Sends a <see cref="DocumentVerse"/> to the DMP for the outbox: TD0.2 first (the DMP exists, may be fed, holds the
/// record's traits), then TD2.1 add or TD2.2 replace. A re-sent add the DMP already holds is a success (one document per
/// version). It updates its row through the scope's context; the distributor saves.
/// </summary>
internal sealed class CanalDmp(OpenDuiDbContext db, IClientDmp client, IOptions<DmpOptions> options) : ICanalEnvoi
{
    public string Canal => CanauxEnvoi.Dmp;

    public async Task<IssueEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct)
    {
        var charge = envoi.LireCharge<ChargeDmp>();
        var doc = await db.DocumentsDmp.SingleOrDefaultAsync(d => d.Id == charge.DocumentId, ct);
        if (doc is null) return IssueEnvoi.Refuse("Le document à verser n'existe plus.");
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == doc.UsagerId, ct);
        var o = options.Value;
        if (IdentifiantsSortants.InsSortant(u, o.AccepterOidTest) is not { } ins)
            return Refuser(doc, "L'identité de la personne n'est plus qualifiée : le document n'est pas versé au DMP.");
        var ctx = await ContexteAsync(db, o, ins, doc.AuteurId, doc.AuteurNom, doc.EssmsId, ct);

        var etat = await client.VerifierDmpAsync(ctx, ct);
        if (!etat.Reussi) return Echec(doc, etat.Message, etat.AReessayer);
        var raison = RaisonEtat(etat.Valeur!.Statut);
        if (raison is not null) return Refuser(doc, raison);
        if (etat.Valeur.Traits is { } traits && traits.Ecarts(u.NomNaissance, u.PrenomsNaissance, u.Sexe.ToString()[0], u.DateNaissance) is { Count: > 0 } ecarts)
        {
            doc.AlerteIdentite = true;
            db.Noter(u.Id, "Identitovigilance", "Alerte d'identité : les traits connus du DMP diffèrent de ceux du dossier", doc.EssmsId);
            return Refuser(doc, $"Les traits d'identité du DMP diffèrent de ceux du dossier ({string.Join(", ", ecarts)}) : faites vérifier l'identité par le référent en identitovigilance.");
        }

        var metadonnees = Metadonnees(doc, u, await db.Set<Essms>().AsNoTracking().Where(e => e.Id == doc.EssmsId).Select(e => e.ChampActivite).SingleAsync(ct));
        var pour = new DocumentPourDmp(doc.Contenu, metadonnees);
        // Replace the previous version only when the DMP holds it (sent, not deleted); otherwise add.
        var remplace = doc.UniqueIdRemplace is { } precedent
            && await db.DocumentsDmp.AnyAsync(d => d.UniqueId == precedent && d.Etat == EtatDocumentDmp.Verse, ct) ? precedent : null;
        if (doc.UniqueIdRemplace is { } p && remplace is null
            && await db.DocumentsDmp.AnyAsync(d => d.UniqueId == p && d.Etat == EtatDocumentDmp.EnAttente, ct))
            return Echec(doc, "La version précédente de ce document n'est pas encore versée : celle-ci attend qu'elle le soit.", true);
        var depot = remplace is null ? await client.DeposerAsync(pour, ctx, ct) : await client.RemplacerAsync(pour, remplace, ctx, ct);
        db.TracerActe("DocumentDmp", doc.Id.ToString(), remplace is null ? "Versement DMP" : "Remplacement DMP",
            new { doc.Titre, doc.NumeroVersion, reussi = depot.Reussi, code = depot.Code }, doc.UsagerId);
        if (!depot.Reussi && depot.Erreur == ErreurDmp.Introuvable && remplace is not null)
            return Echec(doc, depot.Message, true);
        if (!depot.Reussi) return Echec(doc, depot.Message, depot.AReessayer);
        doc.Etat = EtatDocumentDmp.Verse;
        doc.Raison = null;
        doc.VerseLe = db.Maintenant;
        doc.UniqueIdRemplace = remplace;
        return IssueEnvoi.Reussi(depot.Valeur!.EntryUuid);
    }

    internal static string? RaisonEtat(StatutDmp s) => s switch
    {
        StatutDmp.Existe => null,
        StatutDmp.Absent => "La personne n'a pas de DMP (Mon espace santé non ouvert) : le document n'est pas versé.",
        StatutDmp.Ferme => "Le DMP de la personne est fermé : le document n'est pas versé.",
        StatutDmp.Opposition => "La personne s'est opposée à l'alimentation de son DMP : le document n'est pas versé.",
        StatutDmp.AccesRefuse => "L'établissement n'est pas autorisé à alimenter ce DMP : le document n'est pas versé.",
        _ => "Le DMP ne peut pas être alimenté.",
    };

    private IssueEnvoi Refuser(DocumentVerse doc, string raison)
    {
        doc.Etat = EtatDocumentDmp.Refuse;
        doc.Raison = raison;
        db.TracerActe("DocumentDmp", doc.Id.ToString(), "Versement DMP refusé", new { doc.Titre, doc.NumeroVersion, raison }, doc.UsagerId);
        return IssueEnvoi.Refuse(raison);
    }

    private IssueEnvoi Echec(DocumentVerse doc, string message, bool aReessayer)
    {
        if (!aReessayer) return Refuser(doc, message);
        doc.Raison = message;
        return IssueEnvoi.AReessayer(message);
    }

    /// <summary>The call's context: the person's INS, who the DMP is told acts (VIHF): the professional with the role of
    /// their profession, or the structure for an automatic send (<see cref="ActeursDmp"/>), and the ESSMS as the structure.</summary>
    internal static async Task<ContexteDmp> ContexteAsync(OpenDuiDbContext db, DmpOptions o, (string Matricule, string Oid) ins, Guid? auteurId, string auteurNom,
        Guid essmsId, CancellationToken ct) =>
        new(new InsDmp(ins.Matricule, ins.Oid), await ActeursDmp.ActeurAsync(db, auteurId, auteurNom, essmsId, ct),
            await ActeursDmp.StructureAsync(db, essmsId, ct));

    private static MetadonneesDmp Metadonnees(DocumentVerse doc, Usager u, Referentiel.Nomenclatures.ChampActivite? champ)
    {
        var (type, format) = TypesDmp.Lire(doc.Contenu);
        var secteur = SecteurCda.Depuis(champ);
        return new MetadonneesDmp
        {
            UniqueId = doc.UniqueId, Titre = doc.Titre,
            Classe = new CodeDmp(type.ClasseCode, MessagesXds.SystemeClasse, type.ClasseCode == "95" ? "Document de gestion" : "Synthèse"),
            Type = new CodeDmp(type.Code.Code, type.Code.Systeme, type.Code.Libelle),
            Format = format,
            TypeEtablissement = CodeDmp.Secteur(secteur.Code, secteur.Libelle),
            Visibilite = new VisibiliteDmp(doc.InvisiblePatient, doc.MasqueProfessionnels),
            CreeLe = doc.CreeLe,
            Patient = new PatientSource(u.NomNaissance, u.PrenomsNaissance.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], u.Sexe.ToString()[0], u.DateNaissance),
        };
    }
}
