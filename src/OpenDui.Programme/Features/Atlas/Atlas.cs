using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>A funded project as the atlas needs it: no names, only what is counted.</summary>
/// <param name="RegionSuivi">The ARS that follows a national project (see <see cref="Candidature.RegionSuivi"/>).</param>
public sealed record ProjetFinance(Guid Id, TypeAppel Appel, string? RegionInstructrice, TypeProjet Type, decimal MontantAccorde,
    string StatutJuridiquePorteur, IReadOnlyList<EssmsFinance> Essms, string? RegionSuivi = null);

/// <summary>A retained ESSMS of a funded project.</summary>
public sealed record EssmsFinance(string RegionCode, string StatutJuridiqueCode, ChampActivite? Champ, TailleOrganisme Taille);

/// <summary>How a grappe is made of organisations of each size (see <see cref="TailleOrganisme"/>).</summary>
public enum CompositionGrappe { PetitsSeulement, MoyensSeulement, GrandsSeulement, MixteAvecPetits, MixteSansPetit }

public sealed record TotauxAtlas(int ProjetsFinances, int ProjetsRegionaux, int ProjetsNationaux, int EssmsFinances,
    decimal MontantAccorde, decimal MontantRegional, decimal MontantNational);

/// <param name="ProjetsNationauxSuivis">National projects whose following ARS is this region's: each national project counts in
/// exactly one region, so these add up to the number of national projects.</param>
/// <param name="EssmsProjetsNationaux">ESSMS of national projects located in the region, whichever ARS follows their project.</param>
public sealed record LigneRegion(string Code, string Nom, string Zone, int ProjetsRegionaux, int ProjetsNationauxSuivis, int EssmsFinances,
    decimal MontantAccorde, decimal PartEssms, int EssmsProjetsNationaux = 0);

public sealed record LigneType(TypeProjet Type, string Libelle, int Projets, int Essms, decimal Montant, decimal PartProjets);

public sealed record LigneTaille(TailleOrganisme Taille, string Libelle, int Essms, decimal PartEssms);

public sealed record LigneComposition(CompositionGrappe Composition, string Libelle, int Projets, int Essms, decimal Montant, decimal PartProjets);

/// <summary>Projects by their porteur's legal category; ESSMS by their own (each ESSMS has its EJ's status).</summary>
public sealed record LigneCategorieJuridique(string Code, string Libelle, int Projets, decimal Montant, decimal PartProjets, int EssmsFinances, decimal PartEssms);

public sealed record LigneChamp(ChampActivite Champ, string Libelle, int EssmsFinances, decimal PartEssms, int ProjetsConcernes, int ProjetsChampPrincipal, decimal PartProjets);

public sealed record Dominante(string Code, string Libelle, int Projets, decimal Part);

/// <summary>The typical project: averages, and for type, category and domain the most frequent value with its share of projects.</summary>
public sealed record PortraitProjet(decimal EssmsParProjet, decimal SubventionMoyenne, Dominante? Type, Dominante? CategorieJuridique, Dominante? Champ);

/// <summary>The atlas of the funded projects of one campaign (<see cref="Depuis"/> = <see cref="Jusqua"/> = <see cref="Annee"/>)
/// or, cumulated, of the campaigns from <see cref="Depuis"/> to <see cref="Jusqua"/> (then <see cref="Annee"/> is the last one).</summary>
public sealed record AtlasAnnuel(int Annee, TotauxAtlas Totaux, IReadOnlyList<LigneRegion> Regions, IReadOnlyList<LigneType> ParType,
    IReadOnlyList<LigneTaille> EssmsParTaille, IReadOnlyList<LigneComposition> ParComposition,
    IReadOnlyList<LigneCategorieJuridique> ParCategorieJuridique, IReadOnlyList<LigneChamp> ParChamp, PortraitProjet Portrait)
{
    public int Depuis { get; init; } = Annee;
    public int Jusqua { get; init; } = Annee;
    public bool Cumul => Depuis != Jusqua;
    /// <summary>"campagne 2025" or "campagnes 2021 à 2024 (cumul)", as titles read it.</summary>
    public string Periode => Cumul ? $"campagnes {Depuis} à {Jusqua} (cumul)" : $"campagne {Annee}";
}

/// <summary>
/// The atlas's definitions, in one place and without a database: which projects count, how a grappe's
/// composition, legal category and main domain are read.
/// </summary>
public static class CalculAtlas
{
    /// <summary>The statuses of a funded project, read from <see cref="Candidature.EstFinancee"/> so the rule lives once.</summary>
    public static readonly IReadOnlyList<StatutCandidature> StatutsFinances = Enum.GetValues<StatutCandidature>()
        .Where(s => new Candidature { Reference = "", Intitule = "", Statut = s }.EstFinancee).ToList();

    /// <summary>Legal categories: FINESS aggregate level 1 for the public sector (1000, which groups État/collectivités
    /// and établissements publics), level 2 for the private sector (2100 non lucratif, 2200 commercial).</summary>
    public static readonly IReadOnlyList<(string Code, string Libelle)> CategoriesJuridiques =
        [("1000", "Public"), ("2100", "Privé non lucratif"), ("2200", "Privé commercial"), ("3000", "Personne morale de droit étranger")];

    public const string CategorieInconnue = "";

    public static string CategorieJuridique(string statutJuridique, Referentiels r)
    {
        if (!r.Statuts.TryGetValue(statutJuridique, out var s)) return CategorieInconnue;
        return s.CodeAgregat1 is "1000" or "3000" ? s.CodeAgregat1 : s.CodeAgregat2 is "2100" or "2200" ? s.CodeAgregat2 : CategorieInconnue;
    }

    /// <summary>Composition from the sizes of its retained ESSMS' organisations; null when none is retained.</summary>
    public static CompositionGrappe? Composition(IEnumerable<EssmsFinance> essms)
    {
        var tailles = essms.Select(e => e.Taille).Distinct().ToList();
        if (tailles.Count == 0) return null;
        // Small organisations are the programme's priority: a mixed grappe says whether it carries any.
        if (tailles.Count > 1) return tailles.Contains(TailleOrganisme.Petit) ? CompositionGrappe.MixteAvecPetits : CompositionGrappe.MixteSansPetit;
        return tailles[0] switch
        {
            TailleOrganisme.Petit => CompositionGrappe.PetitsSeulement,
            TailleOrganisme.Moyen => CompositionGrappe.MoyensSeulement,
            _ => CompositionGrappe.GrandsSeulement,
        };
    }

    /// <summary>A project's main domain: the champ of most of its retained ESSMS (ties to the first in the nomenclature order).</summary>
    public static ChampActivite? ChampPrincipal(IEnumerable<EssmsFinance> essms) =>
        essms.Where(e => e.Champ is not null).GroupBy(e => e.Champ!.Value)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (ChampActivite?)g.Key).FirstOrDefault();

    public static string Libelle(this CompositionGrappe c) => c switch
    {
        CompositionGrappe.PetitsSeulement => "Uniquement des petits organismes",
        CompositionGrappe.MoyensSeulement => "Uniquement des organismes moyens",
        CompositionGrappe.GrandsSeulement => "Uniquement des grands organismes",
        CompositionGrappe.MixteAvecPetits => "Mixte, avec des petits organismes",
        _ => "Mixte, sans petit organisme (moyens et grands)",
    };

    public static string Libelle(this TailleOrganisme t) => t switch
    {
        TailleOrganisme.Petit => "Petit organisme (moins de 15 FINESS ET)",
        TailleOrganisme.Moyen => "Organisme moyen (15 à 49 FINESS ET)",
        _ => "Grand organisme (50 FINESS ET et plus)",
    };

    public static decimal Part(int n, int total) => total == 0 ? 0 : Math.Round((decimal)n / total, 4);

    /// <summary>The ARS that follows a national project: the one recorded, else (projects decided before the rule) the region
    /// with most of its retained ESSMS, ties to the smallest code, so that every national project counts in exactly one region.</summary>
    public static string? RegionQuiSuit(ProjetFinance p) =>
        p.Appel != TypeAppel.National ? null
        : p.RegionSuivi ?? p.Essms.GroupBy(e => e.RegionCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

    public static AtlasAnnuel Calculer(int depuis, int jusqua, IReadOnlyList<ProjetFinance> projets, Referentiels r) =>
        Calculer(jusqua, projets, r) with { Depuis = depuis, Jusqua = jusqua };

    public static AtlasAnnuel Calculer(int annee, IReadOnlyList<ProjetFinance> projets, Referentiels r)
    {
        var essms = projets.SelectMany(p => p.Essms).ToList();
        var nbProjets = projets.Count;
        var nbEssms = essms.Count;
        var regionaux = projets.Where(p => p.Appel == TypeAppel.Regional).ToList();
        var nationaux = projets.Where(p => p.Appel == TypeAppel.National).ToList();
        var totaux = new TotauxAtlas(nbProjets, regionaux.Count, nationaux.Count, nbEssms,
            projets.Sum(p => p.MontantAccorde), regionaux.Sum(p => p.MontantAccorde), nationaux.Sum(p => p.MontantAccorde));

        var francais = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), true);
        var suivis = nationaux.ToLookup(RegionQuiSuit);
        var essmsNationaux = nationaux.SelectMany(p => p.Essms).ToLookup(e => e.RegionCode);
        var regions = r.Regions.Values.OrderBy(x => x.Nom, francais).Select(reg =>
        {
            var instruits = regionaux.Where(p => p.RegionInstructrice == reg.Code).ToList();
            var essmsRegion = essms.Count(e => e.RegionCode == reg.Code);
            return new LigneRegion(reg.Code, reg.Nom, reg.Zone, instruits.Count, suivis[reg.Code].Count(), essmsRegion,
                instruits.Sum(p => p.MontantAccorde), Part(essmsRegion, nbEssms), essmsNationaux[reg.Code].Count());
        }).ToList();

        var parType = Enum.GetValues<TypeProjet>().Select(t =>
        {
            var l = projets.Where(p => p.Type == t).ToList();
            return new LigneType(t, t.Libelle(), l.Count, l.Sum(p => p.Essms.Count), l.Sum(p => p.MontantAccorde), Part(l.Count, nbProjets));
        }).ToList();

        var parTaille = Enum.GetValues<TailleOrganisme>().Select(t =>
        {
            var n = essms.Count(e => e.Taille == t);
            return new LigneTaille(t, t.Libelle(), n, Part(n, nbEssms));
        }).ToList();

        var compositions = projets.ToLookup(p => Composition(p.Essms));
        var parComposition = Enum.GetValues<CompositionGrappe>().Select(c =>
        {
            var l = compositions[c].ToList();
            return new LigneComposition(c, c.Libelle(), l.Count, l.Sum(p => p.Essms.Count), l.Sum(p => p.MontantAccorde), Part(l.Count, nbProjets));
        }).ToList();

        var categoriePorteur = projets.ToLookup(p => CategorieJuridique(p.StatutJuridiquePorteur, r));
        var categorieEssms = essms.ToLookup(e => CategorieJuridique(e.StatutJuridiqueCode, r));
        var categories = CategoriesJuridiques.ToList();
        if (categoriePorteur[CategorieInconnue].Any() || categorieEssms[CategorieInconnue].Any()) categories.Add((CategorieInconnue, "Non renseignée"));
        var parCategorie = categories.Select(c =>
        {
            var l = categoriePorteur[c.Code].ToList();
            var n = categorieEssms[c.Code].Count();
            return new LigneCategorieJuridique(c.Code, c.Libelle, l.Count, l.Sum(p => p.MontantAccorde), Part(l.Count, nbProjets), n, Part(n, nbEssms));
        }).ToList();

        var champsPrincipaux = projets.ToLookup(p => ChampPrincipal(p.Essms));
        var parChamp = Enum.GetValues<ChampActivite>().Select(ch =>
        {
            var n = essms.Count(e => e.Champ == ch);
            var principal = champsPrincipaux[ch].Count();
            return new LigneChamp(ch, ch.Libelle(), n, Part(n, nbEssms), projets.Count(p => p.Essms.Any(e => e.Champ == ch)), principal, Part(principal, nbProjets));
        }).ToList();

        Dominante? Premier<T>(IEnumerable<T> lignes, Func<T, int> projetsDe, Func<T, (string Code, string Libelle)> cle) =>
            lignes.Where(l => projetsDe(l) > 0).OrderByDescending(projetsDe).Select(l => new Dominante(cle(l).Code, cle(l).Libelle, projetsDe(l), Part(projetsDe(l), nbProjets)))
                .FirstOrDefault(); // OrderByDescending is stable: ties go to the first row in the table's order
        var portrait = new PortraitProjet(
            nbProjets == 0 ? 0 : Math.Round((decimal)nbEssms / nbProjets, 1),
            nbProjets == 0 ? 0 : Math.Round(totaux.MontantAccorde / nbProjets, 0),
            Premier(parType, l => l.Projets, l => (l.Type.ToString(), l.Libelle)),
            Premier(parCategorie, l => l.Projets, l => (l.Code, l.Libelle)),
            Premier(parChamp, l => l.ProjetsChampPrincipal, l => (l.Champ.ToString(), l.Libelle)));

        return new AtlasAnnuel(annee, totaux, regions, parType, parTaille, parComposition, parCategorie, parChamp, portrait);
    }
}

/// <summary>Builds an atlas from the database: two projections (projects, then their retained ESSMS), no entity graph.</summary>
public sealed class ConstructionAtlas(ProgrammeDbContext db)
{
    /// <summary>Campaign years, the newest first, those known only through imported projects included.</summary>
    public async Task<IReadOnlyList<int>> AnneesAsync(CancellationToken ct = default) =>
        await db.Campagnes.AsNoTracking().OrderByDescending(c => c.Annee).Select(c => c.Annee).ToListAsync(ct);

    public Task<AtlasAnnuel> ConstruireAsync(int annee, CancellationToken ct = default) => ConstruireAsync(annee, annee, ct);

    /// <summary>The cumulative atlas of the campaigns from <paramref name="depuis"/> to <paramref name="jusqua"/> (both included).</summary>
    public async Task<AtlasAnnuel> ConstruireAsync(int depuis, int jusqua, CancellationToken ct = default)
    {
        var annees = await AnneesAsync(ct);
        if (depuis > jusqua)
            throw new RegleException($"La période commence en {depuis} et finit en {jusqua} : indiquez d'abord la première année, puis la dernière.", champ: "depuis");
        if (depuis == jusqua && !annees.Contains(depuis))
            throw new RegleException($"La campagne {depuis} n'existe pas : l'atlas couvre les années de campagne du programme.", champ: "annee");
        if (!annees.Any(a => a >= depuis && a <= jusqua))
            throw new RegleException($"Aucune campagne entre {depuis} et {jusqua} : l'atlas couvre les années de campagne du programme ({string.Join(", ", annees.Order())}).", champ: "depuis");
        var statuts = CalculAtlas.StatutsFinances.ToList();
        var financees = db.Candidatures.AsNoTracking().Where(c => c.Annee >= depuis && c.Annee <= jusqua && statuts.Contains(c.Statut));
        var projets = await financees
            .Select(c => new { c.Id, c.Appel, c.RegionInstructrice, c.RegionSuivi, c.Type, c.MontantAccorde, Statut = c.Porteur!.StatutJuridiqueCode })
            .ToListAsync(ct);
        var essms = (await (from e in db.EssmsCandidatures.AsNoTracking()
                            join c in financees on e.CandidatureId equals c.Id
                            where e.Retenu
                            select new { e.CandidatureId, e.RegionCode, e.StatutJuridiqueCode, e.Champ, e.TailleOrganisme })
                .ToListAsync(ct))
            .ToLookup(e => e.CandidatureId, e => new EssmsFinance(e.RegionCode, e.StatutJuridiqueCode, e.Champ, e.TailleOrganisme));
        return CalculAtlas.Calculer(depuis, jusqua,
            projets.Select(p => new ProjetFinance(p.Id, p.Appel, p.RegionInstructrice, p.Type, p.MontantAccorde, p.Statut, essms[p.Id].ToList(), p.RegionSuivi)).ToList(),
            Referentiels.Courant);
    }
}
