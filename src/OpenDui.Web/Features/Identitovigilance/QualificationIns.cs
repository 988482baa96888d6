using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Identitovigilance;

public sealed record ResultatRechercheIns(ReponseInsi Reponse, IReadOnlyList<EcartTrait> Ecarts);

/// <summary>
/// "Rechercher l'INS" from the record: asks INSi with the birth traits, shows the returned traits beside the
/// local ones, and on acceptance takes them as birth traits with the INS (→ RECUP, or QUAL after a document
/// check). Acceptance asks INSi again and applies only the identity the user saw, so nothing stale is written.
/// </summary>
public sealed class QualificationIns(OpenDuiDbContext db, PerimetreAcces perimetre, IRechercheInsi? insi = null)
{
    public bool InsiConfigure => insi is not null;

    public async Task<Resultat<ResultatRechercheIns>> RechercherAsync(Guid usagerId, CancellationToken ct)
    {
        var (usager, erreur) = await PreparerAsync(usagerId, ct);
        if (usager is null) return erreur is null ? Resultat<ResultatRechercheIns>.Introuvable() : Resultat<ResultatRechercheIns>.Invalide(erreur);
        var reponse = await insi!.RechercherAsync(TraitsDeNaissance(usager), ct);
        var ecarts = reponse.Identite is { } id ? ComparaisonTraits.Comparer(usager, id.Traits) : [];
        return Resultat<ResultatRechercheIns>.Ok(new ResultatRechercheIns(reponse, ecarts));
    }

    public async Task<Resultat<Guid>> AccepterAsync(Guid usagerId, string? matriculeVu, CancellationToken ct)
    {
        var (usager, erreur) = await PreparerAsync(usagerId, ct);
        if (usager is null) return erreur is null ? Resultat<Guid>.Introuvable() : Resultat<Guid>.Invalide(erreur);
        var reponse = await insi!.RechercherAsync(TraitsDeNaissance(usager), ct);
        if (reponse.Issue != IssueRechercheInsi.Trouvee || reponse.Identite is not { } id)
            return Resultat<Guid>.Invalide("", reponse.Message);
        if (id.Matricule != matriculeVu)
            return Resultat<Guid>.Conflit(Erreurs.Une("", "La réponse de l'INSi a changé depuis l'affichage : relancez la recherche."));
        var (traits, e) = TraitsIdentite.Valider(id.Traits.NomNaissance, id.Traits.Prenoms, id.Traits.Sexe.ToString(), id.Traits.DateNaissance,
            id.Traits.LieuNaissance, null, null, db.Aujourdhui);
        if (traits is null) return Resultat<Guid>.Invalide(e);
        var avant = usager.Statut;
        e = usager.AccepterIdentiteInsi(traits, id.Matricule, id.Oid, db.Maintenant);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        db.Noter(usager.Id, "Insi", "Identité récupérée via le téléservice INSi et acceptée" + (id.Historique.Count > 0 ? $" ({id.Historique.Count} INS antérieur(s) signalé(s))" : ""));
        if (usager.Statut != avant)
            db.Noter(usager.Id, "StatutIdentite", $"Statut de l'identité : {avant.Code()} → {usager.Statut.Code()} (téléservice INSi)");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(usager.Id);
    }

    public async Task<Resultat<Guid>> RejeterAsync(Guid usagerId, string? motif, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct)) return Resultat<Guid>.Introuvable();
        if (string.IsNullOrWhiteSpace(motif) || motif.Length > 300) return Resultat<Guid>.Invalide("motif", "Indiquez pourquoi l'identité INSi est rejetée (300 caractères au plus).");
        db.Noter(usagerId, "Insi", $"Identité proposée par l'INSi rejetée : {motif.Trim()}");
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(usagerId);
    }

    private async Task<(Usager? Usager, Erreurs? Erreur)> PreparerAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct)) return (null, null);
        var usager = await db.Usagers.SingleAsync(u => u.Id == usagerId, ct);
        if (insi is null) return (null, Erreurs.Une("", "Le téléservice INSi n'est pas configuré sur cette installation."));
        if (usager.Douteuse || usager.Fictive)
            return (null, Erreurs.Une("", "L'identité est signalée douteuse ou fictive : l'appel au téléservice INSi n'est pas permis."));
        return (usager, null);
    }

    private static TraitsIdentite TraitsDeNaissance(Usager u) =>
        new(u.NomNaissance, u.PrenomsNaissance, u.PremierPrenom, u.Sexe, u.DateNaissance, u.LieuNaissance, null, null);
}
