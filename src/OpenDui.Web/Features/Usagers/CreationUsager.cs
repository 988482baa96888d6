using OpenDui.Web.Features.Structures;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed record NouvelUsager(
    string? NomNaissance, string? PrenomsNaissance, string? Sexe, DateOnly? DateNaissance, string? LieuNaissance,
    string? NomUtilise, string? PrenomUtilise,
    /// <summary>Required: a record is created at admission, and a usager without a séjour would be in nobody's perimeter.</summary>
    NouveauSejour? Sejour,
    /// <summary>The user has seen the duplicate warning and confirms this is another person.</summary>
    bool ConfirmerNonDoublon = false);

/// <summary>A record whose traits are close to a new person's. Details only when the user may see it.</summary>
public sealed record DoublonPotentiel(Guid? Id, string Description);

/// <summary>
/// Creates a usager's record together with their first séjour (planned or admitted) in an ESSMS of the
/// user's admission perimeter, after a duplicate check across the whole organisation.
/// </summary>
public sealed class CreationUsager(OpenDuiDbContext db, Admissions admissions, PerimetreAcces perimetre)
{
    public async Task<Resultat<Guid>> ExecuterAsync(NouvelUsager n, CancellationToken ct) =>
        (await ExecuterAvecDoublonsAsync(n, ct)).Resultat;

    public async Task<(Resultat<Guid> Resultat, IReadOnlyList<DoublonPotentiel> Doublons)> ExecuterAvecDoublonsAsync(NouvelUsager n, CancellationToken ct)
    {
        var (traits, erreurs) = TraitsIdentite.Valider(n.NomNaissance, n.PrenomsNaissance, n.Sexe, n.DateNaissance,
            n.LieuNaissance, n.NomUtilise, n.PrenomUtilise, db.Aujourdhui);
        if (n.Sejour is null)
            erreurs.Ajouter(nameof(n.Sejour), "Le premier séjour (établissement et date d'admission prévue ou réelle) est obligatoire : le dossier est créé à l'admission.");
        if (traits is null || n.Sejour is not { } sejour) return (Resultat<Guid>.Invalide(erreurs), []);

        var essms = await db.Essms.AsNoTracking().Where(e => e.Id == sejour.EssmsId).Select(e => new { e.OrganismeId }).SingleOrDefaultAsync(ct);
        if (essms is null || !await admissions.PeutAdmettreDansAsync(sejour.EssmsId, sejour.UniteId, ct))
            return (Resultat<Guid>.Invalide("Sejour.EssmsId", "Établissement inconnu ou hors de votre périmètre d'admission."), []);

        var doublons = await DoublonsAsync(essms.OrganismeId, traits, ct);
        if (doublons.Count > 0 && !n.ConfirmerNonDoublon)
        {
            // The answer tells whether such a person is followed anywhere in the organisation: who asked is traced (never the traits).
            await Audit.SondageDoublons.TracerAsync(db, doublons, ct);
            return (Resultat<Guid>.Conflit(Erreurs.Une("Doublon",
                "Une ou plusieurs personnes aux traits proches existent déjà. Vérifiez qu'il ne s'agit pas de la même personne avant de confirmer la création.")), doublons);
        }

        var usager = Usager.Creer(essms.OrganismeId, traits, db.Maintenant);
        db.Usagers.Add(usager);
        db.Noter(usager.Id, "Creation", "Création du dossier", sejour.EssmsId);
        var (e, _) = await admissions.AjouterSejourAsync(usager, sejour, ct);
        if (e.Any)
        {
            db.ChangeTracker.Clear();
            return (Resultat<Guid>.Invalide(Prefixer(e, "Sejour")), []);
        }
        await db.SaveChangesAsync(ct);
        return (Resultat<Guid>.Ok(usager.Id), []);
    }

    /// <summary>Same birth date, and a close name (birth or used, <see cref="Rapprochement"/>), or the same first
    /// name and sex. Records merged into another one are no persons of their own: left out. Public: the probe that
    /// other ways in (a request for admission) run before a record exists; the caller traces it (Audit.SondageDoublons).</summary>
    public async Task<List<DoublonPotentiel>> DoublonsAsync(Guid organismeId, TraitsIdentite t, CancellationToken ct)
    {
        var candidats = await db.Usagers.AsNoTracking()
            .Where(u => u.OrganismeId == organismeId && u.DateNaissance == t.DateNaissance && u.FusionneDansId == null)
            .Select(u => new { u.Id, u.NomNaissance, u.NomUtilise, u.PremierPrenom, u.PrenomsNaissance, u.Sexe })
            .ToListAsync(ct);
        var proches = candidats.Where(u => Rapprochement.NomsProches(u.NomNaissance, u.NomUtilise, t.NomNaissance, t.NomUtilise)
            || (Rapprochement.PrenomsProches(u.PremierPrenom, t.PremierPrenom) && u.Sexe == t.Sexe)).ToList();
        var visibles = proches.Count == 0 ? [] : await (await perimetre.UsagersVisiblesAsync(ct))
            .Where(u => proches.Select(p => p.Id).Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        return proches.Select(p => visibles.Contains(p.Id)
            ? new DoublonPotentiel(p.Id, $"{p.NomNaissance} {p.PrenomsNaissance}, né(e) le {t.DateNaissance:dd/MM/yyyy}")
            : new DoublonPotentiel(null, "Une identité proche existe dans un autre établissement de l'organisme : contactez la cellule d'identitovigilance.")).ToList();
    }

    private static Erreurs Prefixer(Erreurs e, string prefixe)
    {
        var r = new Erreurs();
        foreach (var (champ, messages) in e.ParChamp)
            foreach (var m in messages) r.Ajouter(champ.Length == 0 ? "" : $"{prefixe}.{champ}", m);
        return r;
    }
}
