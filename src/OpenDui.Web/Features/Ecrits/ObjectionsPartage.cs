using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <param name="Role">The profession the person objects to sharing with (null: everyone but the author, for <paramref name="Cercle"/>).</param>
/// <param name="Cercle">The circle whose écrits are concerned (null: all écrits).</param>
/// <param name="Propos">What the person said, in their own words.</param>
public sealed record NouvelleObjection(Role? Role, CercleEcrit? Cercle, string? Propos);

public sealed record ObjectionVue(Guid Id, Role? Role, CercleEcrit? Cercle, string Libelle, string Propos, DateTimeOffset RecueillieLe, string RecueilliePar,
    DateTimeOffset? LeveeLe, string? LeveePar);

public sealed record ObjectionsDossier(Guid UsagerId, string Personne, IReadOnlyList<ObjectionVue> Objections, bool PeutRecueillir);

/// <summary>
/// The person's objections to sharing (CSP L1110-4): recorded and lifted by the professionals who write écrits about them
/// (the person says it to whoever supports them), read by whoever reads the record; honoured by <see cref="VisibiliteEcrits"/>.
/// Each change is in the change trail (the audited unit of work) and in the record's chronology.
/// </summary>
public sealed class ObjectionsPartage(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal)
{
    public async Task<Resultat<ObjectionsDossier>> ListerAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<ObjectionsDossier>.Introuvable();
        var personne = await db.Usagers.AsNoTracking().Where(u => u.Id == usagerId)
            .Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);
        var objections = (await db.ObjectionsPartage.AsNoTracking().Where(o => o.UsagerId == usagerId).ToListAsync(ct))
            .OrderBy(o => o.LeveeLe is not null).ThenByDescending(o => o.RecueillieLe)
            .Select(o => new ObjectionVue(o.Id, o.Role, o.Cercle, o.Libelle(), o.Propos, o.RecueillieLe, o.RecueillieParNom, o.LeveeLe, o.LeveeParNom)).ToList();
        var peut = await perimetre.PeutAgirAsync(usagerId, CerclesEcrits.Redacteurs, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<ObjectionsDossier>.Ok(new ObjectionsDossier(usagerId, personne, objections, peut));
    }

    public async Task<Resultat<Guid>> RecueillirAsync(Guid usagerId, NouvelleObjection n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, CerclesEcrits.Redacteurs, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (n.Role is null && n.Cercle is null)
            e.Ajouter(nameof(n.Role), "Précisez la catégorie de professionnels (une profession) ou le cercle d'écrits que la personne refuse de partager.");
        if (n.Role is { } r && (!Enum.IsDefined(r) || !r.OuvreLesDossiers()))
            e.Ajouter(nameof(n.Role), "Cette catégorie de professionnels ne lit pas les dossiers.");
        if (n.Cercle is { } c && !Enum.IsDefined(c)) e.Ajouter(nameof(n.Cercle), "Cercle de partage inconnu.");
        var propos = n.Propos?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(propos)) e.Ajouter(nameof(n.Propos), "Notez ce que la personne a dit, avec ses mots.");
        else if (propos.Length > ConfigurationObjectionPartage.LongueurPropos) e.Ajouter(nameof(n.Propos), $"Les propos dépassent {ConfigurationObjectionPartage.LongueurPropos} caractères.");
        else if (propos.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch))) e.Ajouter(nameof(n.Propos), "Les propos contiennent un caractère invisible ou de contrôle non autorisé.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        if (await db.ObjectionsPartage.AnyAsync(o => o.UsagerId == usagerId && o.LeveeLe == null && o.Role == n.Role && o.Cercle == n.Cercle, ct))
            return Resultat<Guid>.Conflit(nameof(n.Role), "Cette opposition est déjà enregistrée et en vigueur.");
        var objection = new ObjectionPartage
        {
            UsagerId = usagerId, Role = n.Role, Cercle = n.Cercle, Propos = propos!, RecueillieLe = db.Maintenant,
            RecueillieParId = db.Auteur.Id!.Value, RecueillieParNom = db.Auteur.Nom,
        };
        db.ObjectionsPartage.Add(objection);
        db.Noter(usagerId, "ObjectionPartage", $"Opposition au partage recueillie ({objection.Libelle()})", categorie: CategoriesChronologie.Ecrits,
            lien: $"/Ecrits/Objections/{usagerId}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(objection.Id);
    }

    /// <summary>The person withdraws their objection: it stays on the record, lifted, with who lifted it and when.</summary>
    public async Task<Resultat<Guid>> LeverAsync(Guid objectionId, CancellationToken ct)
    {
        var o = await db.ObjectionsPartage.SingleOrDefaultAsync(x => x.Id == objectionId, ct);
        if (o is null || !await perimetre.PeutAgirAsync(o.UsagerId, CerclesEcrits.Redacteurs, ct)) return Resultat<Guid>.Introuvable();
        if (o.LeveeLe is not null) return Resultat<Guid>.Conflit("", "Cette opposition a déjà été levée.");
        o.LeveeLe = db.Maintenant;
        o.LeveeParId = db.Auteur.Id;
        o.LeveeParNom = db.Auteur.Nom;
        db.Noter(o.UsagerId, "ObjectionPartage", $"Opposition au partage levée ({o.Libelle()})", categorie: CategoriesChronologie.Ecrits, lien: $"/Ecrits/Objections/{o.UsagerId}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(o.Id);
    }
}
