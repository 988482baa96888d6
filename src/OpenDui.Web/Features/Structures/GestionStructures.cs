using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Identifiants;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Structures;

public sealed record NouvelOrganisme(string? FinessEj, string? RaisonSociale, string? StatutJuridiqueCode);
public sealed record NouvelEssms(Guid OrganismeId, string? FinessEt, string? Nom, string? CategorieCode, string? AdresseLigne, string? CodePostal, string? Commune, int? Capacite);
public sealed record NouvelleUnite(Guid EssmsId, string? Nom, int? Capacite);

public sealed record EssmsVue(Guid Id, Guid OrganismeId, string FinessEt, string Nom, string CategorieCode, string Categorie,
    Referentiel.Nomenclatures.ChampActivite ChampActivite, string? AdresseLigne, string? CodePostal, string? Commune, int Capacite, bool Actif, IReadOnlyList<UniteVue> Unites);
public sealed record UniteVue(Guid Id, string Nom, int? Capacite);
public sealed record OrganismeVue(Guid Id, string FinessEj, string RaisonSociale, string StatutJuridiqueCode, string StatutJuridique, IReadOnlyList<EssmsVue> Etablissements);

/// <summary>Organisations, ESSMS and units, managed by the administrator.</summary>
public sealed class GestionStructures(OpenDuiDbContext db)
{    /// <summary>The FINESS legal statuses and the categories of the social and medico-social field still in force, for the forms.</summary>
    public async Task<(List<(string Code, string Libelle)> Statuts, List<(string Code, string Libelle, Referentiel.Nomenclatures.ChampActivite ChampActivite)> Categories)>
        NomenclaturesAsync(CancellationToken ct)
    {
        var statuts = (await db.StatutsJuridiquesFiness.AsNoTracking().Where(s => s.DateFin == null).OrderBy(s => s.Code).Select(s => new { s.Code, s.Libelle }).ToListAsync(ct))
            .Select(s => (s.Code, s.Libelle)).ToList();
        var categories = (await db.CategoriesFiness.AsNoTracking().Where(c => c.DateFin == null).OrderBy(c => c.Libelle).ToListAsync(ct))
            .Select(c => (c, champ: c.VersReferentiel().ChampActivite)).Where(x => x.champ is not null)
            .Select(x => (x.c.Code, x.c.Libelle, x.champ!.Value)).ToList();
        return (statuts, categories);
    }


    public async Task<List<OrganismeVue>> ListerAsync(CancellationToken ct)
    {
        var categories = await db.CategoriesFiness.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Libelle, ct);
        var statuts = await db.StatutsJuridiquesFiness.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Libelle, ct);
        var organismes = await db.Organismes.AsNoTracking().Include(o => o.Etablissements).ThenInclude(e => e.Unites)
            .OrderBy(o => o.RaisonSociale).ToListAsync(ct);
        return organismes.Select(o => new OrganismeVue(o.Id, o.FinessEj, o.RaisonSociale, o.StatutJuridiqueCode,
            statuts.GetValueOrDefault(o.StatutJuridiqueCode, "?"),
            o.Etablissements.OrderBy(e => e.Nom).Select(e => new EssmsVue(e.Id, e.OrganismeId, e.FinessEt, e.Nom, e.CategorieCode,
                categories.GetValueOrDefault(e.CategorieCode, "?"), e.ChampActivite, e.AdresseLigne, e.CodePostal, e.Commune, e.Capacite, e.Actif,
                e.Unites.Where(u => u.Active).OrderBy(u => u.Nom).Select(u => new UniteVue(u.Id, u.Nom, u.Capacite)).ToList())).ToList())).ToList();
    }

    public async Task<Resultat<Guid>> CreerOrganismeAsync(NouvelOrganisme n, CancellationToken ct)
    {
        var e = new Erreurs();
        if (!Finess.TryParse(n.FinessEj, out var finess, out var erreur)) e.Ajouter(nameof(n.FinessEj), erreur!);
        else if (await db.Organismes.AnyAsync(o => o.FinessEj == finess.Valeur, ct)) e.Ajouter(nameof(n.FinessEj), "Un organisme porte déjà ce FINESS juridique.");
        if (string.IsNullOrWhiteSpace(n.RaisonSociale) || n.RaisonSociale.Trim().Length > 200) e.Ajouter(nameof(n.RaisonSociale), "La raison sociale est obligatoire (200 caractères au plus).");
        if (n.StatutJuridiqueCode is null || !await db.StatutsJuridiquesFiness.AnyAsync(s => s.Code == n.StatutJuridiqueCode && s.DateFin == null, ct))
            e.Ajouter(nameof(n.StatutJuridiqueCode), "Statut juridique inconnu de la nomenclature FINESS.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var o = new OrganismeGestionnaire { FinessEj = finess.Valeur, RaisonSociale = n.RaisonSociale!.Trim(), StatutJuridiqueCode = n.StatutJuridiqueCode! };
        db.Organismes.Add(o);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(o.Id);
    }

    public async Task<Resultat<Guid>> CreerEssmsAsync(NouvelEssms n, CancellationToken ct)
    {
        var e = new Erreurs();
        if (!await db.Organismes.AnyAsync(o => o.Id == n.OrganismeId, ct)) e.Ajouter(nameof(n.OrganismeId), "Organisme gestionnaire inconnu.");
        if (!Finess.TryParse(n.FinessEt, out var finess, out var erreur)) e.Ajouter(nameof(n.FinessEt), erreur!);
        else if (await db.Essms.AnyAsync(x => x.FinessEt == finess.Valeur, ct)) e.Ajouter(nameof(n.FinessEt), "Un établissement porte déjà ce FINESS géographique.");
        if (string.IsNullOrWhiteSpace(n.Nom) || n.Nom.Trim().Length > 200) e.Ajouter(nameof(n.Nom), "Le nom est obligatoire (200 caractères au plus).");
        var categorie = n.CategorieCode is null ? null : await db.CategoriesFiness.AsNoTracking().SingleOrDefaultAsync(c => c.Code == n.CategorieCode, ct);
        var champ = categorie?.VersReferentiel().ChampActivite;
        if (categorie is null || categorie.DateFin is not null) e.Ajouter(nameof(n.CategorieCode), "Catégorie FINESS inconnue ou fermée.");
        else if (champ is null) e.Ajouter(nameof(n.CategorieCode), "Cette catégorie FINESS ne relève pas du champ social et médico-social.");
        if (n.Capacite is < 0 or > 100_000) e.Ajouter(nameof(n.Capacite), "La capacité doit être comprise entre 0 et 100 000.");
        if (n.CodePostal is { Length: > 0 } cp && (cp.Trim().Length != 5 || !cp.Trim().All(char.IsAsciiDigit)))
            e.Ajouter(nameof(n.CodePostal), "Le code postal comporte 5 chiffres.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var essms = new Essms
        {
            OrganismeId = n.OrganismeId, FinessEt = finess.Valeur, Nom = n.Nom!.Trim(), CategorieCode = categorie!.Code,
            ChampActivite = champ!.Value, AdresseLigne = n.AdresseLigne?.Trim(), CodePostal = n.CodePostal?.Trim(),
            Commune = n.Commune?.Trim(), Capacite = n.Capacite ?? 0,
        };
        db.Essms.Add(essms);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(essms.Id);
    }

    public async Task<Resultat<Guid>> CreerUniteAsync(NouvelleUnite n, CancellationToken ct)
    {
        var e = new Erreurs();
        if (!await db.Essms.AnyAsync(x => x.Id == n.EssmsId, ct)) e.Ajouter(nameof(n.EssmsId), "Établissement inconnu.");
        if (string.IsNullOrWhiteSpace(n.Nom) || n.Nom.Trim().Length > 200) e.Ajouter(nameof(n.Nom), "Le nom de l'unité est obligatoire (200 caractères au plus).");
        else if (await db.Unites.AnyAsync(u => u.EssmsId == n.EssmsId && u.Nom == n.Nom.Trim() && u.Active, ct)) e.Ajouter(nameof(n.Nom), "Une unité porte déjà ce nom dans cet établissement.");
        if (n.Capacite is < 0 or > 10_000) e.Ajouter(nameof(n.Capacite), "La capacité doit être comprise entre 0 et 10 000.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var u = new Unite { EssmsId = n.EssmsId, Nom = n.Nom!.Trim(), Capacite = n.Capacite };
        db.Unites.Add(u);
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(u.Id);
    }
}
