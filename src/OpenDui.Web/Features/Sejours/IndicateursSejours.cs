using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using static OpenDui.Web.Features.Pilotage.CalculsIndicateurs;

namespace OpenDui.Web.Features.Sejours;

/// <summary>The occupancy of one ESSMS today: its current séjours, those that take one of its authorised places, its capacity.</summary>
public sealed record Occupation(int Accompagnes, int Heberges, int Capacite)
{
    /// <summary>
    /// The modalités that take a place of hébergement (a bed); accueil de jour, externat, domicile and milieu ordinaire
    /// do not, as the ESSMS's single authorised capacity does not tell its places apart.
    /// </summary>
    public static bool Heberge(ModaliteAccueil m) => m is ModaliteAccueil.HebergementPermanent or ModaliteAccueil.HebergementTemporaire
        or ModaliteAccueil.AccueilDeNuit or ModaliteAccueil.Internat;

    /// <summary>
    /// Places taken over capacity, in percent. None without a capacity (0: not declared), and none for a service that
    /// hosts nobody while it follows people (a SSIAD, a SESSAD): 0 % would read as an empty service.
    /// </summary>
    public decimal? Taux => Capacite <= 0 || (Heberges == 0 && Accompagnes > 0) ? null : CalculsIndicateurs.Taux(Heberges, Capacite);

    /// <summary>The organisation's rate: the places taken over the capacity of the ESSMS that have a rate.</summary>
    public static decimal? TauxEnsemble(IEnumerable<Occupation> essms)
    {
        var avecTaux = essms.Where(o => o.Taux is not null).ToList();
        return avecTaux.Count == 0 ? null : CalculsIndicateurs.Taux(avecTaux.Sum(o => o.Heberges), avecTaux.Sum(o => o.Capacite));
    }
}

/// <summary>
/// What the séjours add to the direction's dashboard: people supported and occupancy today, admissions and exits per
/// month over the last 12 months, exits by motive. Counts only.
/// </summary>
internal sealed class IndicateursSejours(OpenDuiDbContext db) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau p, CancellationToken ct)
    {
        if (p.Essms.Count == 0) return [];
        var ids = p.Essms.ToArray();
        var jour = p.Aujourdhui;
        var essms = await db.Essms.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Nom)
            .Select(e => new { e.Id, e.Nom, e.Capacite }).ToListAsync(ct);

        var enCours = db.Sejours.AsNoTracking().Where(s => ids.Contains(s.EssmsId) && !s.Annule
            && s.DateAdmission != null && s.DateAdmission <= jour && (s.DateSortie == null || s.DateSortie > jour));
        var parModalite = await enCours.GroupBy(s => new { s.EssmsId, s.Modalite })
            .Select(g => new { g.Key.EssmsId, g.Key.Modalite, N = g.Count() }).ToListAsync(ct);
        // A person followed by two ESSMS of the organisation counts once in its total.
        var personnes = await enCours.Select(s => s.UsagerId).Distinct().CountAsync(ct);
        var occupations = essms.Select(e =>
        {
            var lignes = parModalite.Where(l => l.EssmsId == e.Id).ToList();
            return new Occupation(lignes.Sum(l => l.N), lignes.Where(l => Occupation.Heberge(l.Modalite)).Sum(l => l.N), e.Capacite);
        }).ToList();

        var mois = DouzeDerniersMois(jour);
        var debut = mois[0];
        var reels = db.Sejours.AsNoTracking().Where(s => ids.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null);
        var admissions = await reels.Where(s => s.DateAdmission >= debut && s.DateAdmission <= jour)
            .GroupBy(s => s.DateAdmission!.Value).Select(g => new { Jour = g.Key, N = g.Count() }).ToListAsync(ct);
        var sorties = await reels.Where(s => s.DateSortie != null && s.DateSortie >= debut && s.DateSortie <= jour)
            .GroupBy(s => new { Jour = s.DateSortie!.Value, s.MotifSortie }).Select(g => new { g.Key.Jour, g.Key.MotifSortie, N = g.Count() }).ToListAsync(ct);

        var date = $"Au {jour:dd/MM/yyyy}";
        var resultat = new List<IndicateurDirection>
        {
            new(OrdreIndicateur.Activite, "Personnes accompagnées et occupation", Graphique.Chiffres, [date],
                [
                    new("Personnes accompagnées", [personnes]),
                    new("Places d'hébergement occupées", [occupations.Sum(o => o.Heberges)]),
                    new("Capacité autorisée", [occupations.Sum(o => o.Capacite)]),
                    new("Taux d'occupation", [Occupation.TauxEnsemble(occupations)], "%"),
                ],
                "Personnes ayant un séjour en cours aujourd'hui. Le taux d'occupation rapporte les séjours en hébergement "
                + "(permanent, temporaire, de nuit, internat) à la capacité autorisée ; il n'est pas calculé pour un établissement "
                + "sans capacité renseignée ni pour un service qui n'héberge personne (à domicile, accueil de jour)."),
        };
        if (essms.Count > 1)
            resultat.Add(new(OrdreIndicateur.Activite + 1, "Occupation par établissement", Graphique.Barres, essms.Select(e => e.Nom).ToList(),
                [
                    new("Personnes accompagnées", occupations.Select(o => (decimal?)o.Accompagnes).ToList()),
                    new("Places d'hébergement occupées", occupations.Select(o => (decimal?)o.Heberges).ToList()),
                    new("Capacité autorisée", occupations.Select(o => (decimal?)o.Capacite).ToList()),
                    new("Taux d'occupation", occupations.Select(o => o.Taux).ToList(), "%"),
                ],
                "Séjours en cours aujourd'hui dans chaque établissement ; « — » : taux sans objet (capacité non renseignée, ou service sans hébergement)."));
        resultat.Add(new(OrdreIndicateur.Activite + 10, "Admissions et sorties par mois", Graphique.Barres,
            mois.Select(m => LibelleMois(m, jour)).ToList(),
            [
                new("Admissions", ParMois(admissions.Select(a => (a.Jour, a.N)), mois)),
                new("Sorties", ParMois(sorties.Select(s => (s.Jour, s.N)), mois)),
            ],
            "Admissions et sorties réelles (séjours non annulés), comptées au mois de leur date, sur les 12 derniers mois dont le mois en cours."));
        var motifs = Enum.GetValues<MotifSortie>();
        resultat.Add(new(OrdreIndicateur.Activite + 20, "Motifs de sortie sur les 12 derniers mois", Graphique.Anneau,
            motifs.Select(m => m.Libelle()).ToList(),
            [new("Sorties", motifs.Select(m => (decimal?)sorties.Where(s => s.MotifSortie == m).Sum(s => s.N)).ToList())],
            $"Sorties réelles depuis le {debut:dd/MM/yyyy}, par motif."));
        return resultat;
    }
}
