using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.AFaire;

/// <summary>The direction's dashboard: per ESSMS, how many deadlines of admission and contracts are late or due within the week.</summary>
internal sealed class IndicateursAFaire(ListeAFaire liste, OpenDuiDbContext db) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau perimetre, CancellationToken ct)
    {
        var echeances = await liste.EcheancesAsync(perimetre.Essms, perimetre.Aujourdhui, ct);
        var essms = perimetre.Essms;
        var noms = await db.Set<Essms>().AsNoTracking().Where(e => essms.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Nom, ct);
        var ordre = essms.Where(noms.ContainsKey).OrderBy(e => noms[e]).ToList();
        if (ordre.Count == 0) return [];
        var categories = Enum.GetValues<CategorieAFaire>();
        return
        [
            new IndicateurDirection(OrdreIndicateur.Admission, "Admission et contrats : échéances en retard", Graphique.BarresEmpilees,
                ordre.Select(e => noms[e]).ToList(),
                [.. categories.Select(c => new SerieIndicateur(c.Libelle(),
                    ordre.Select(e => (decimal?)echeances.Count(x => x.EssmsId == e && x.Categorie == c && x.Echeance < perimetre.Aujourdhui)).ToList()))],
                "Nombre d'échéances dépassées aujourd'hui : réponse à une demande, renouvellement d'une orientation, contrat de séjour remis, signé, avenant et révision annuelle, documents remis à l'admission, pièces obligatoires du dossier.",
                "échéances"),
            new IndicateurDirection(OrdreIndicateur.Admission + 1, $"Admission et contrats : échéances dans les {ListeAFaire.JoursAlerte} jours", Graphique.BarresEmpilees,
                ordre.Select(e => noms[e]).ToList(),
                [.. categories.Select(c => new SerieIndicateur(c.Libelle(),
                    ordre.Select(e => (decimal?)echeances.Count(x => x.EssmsId == e && x.Categorie == c && x.Echeance >= perimetre.Aujourdhui)).ToList()))],
                $"Nombre d'échéances à tenir d'ici {ListeAFaire.JoursAlerte} jours, aujourd'hui compris.", "échéances"),
        ];
    }
}
