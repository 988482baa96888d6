using Microsoft.EntityFrameworkCore;
using OpenDui.Echanges.RapportsUsage;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Pilotage;

/// <summary>
/// The usage indicators of the ESMS numérique programme (docs/rapport-usage-v1.md) over the last full month, per ESSMS:
/// the very measure of the signed usage report (<see cref="ExportRapportUsage.MesurerAsync"/>), so that the dashboard
/// and the proof sent to the programme never disagree.
/// </summary>
internal sealed class IndicateursUsage(OpenDuiDbContext db, ExportRapportUsage rapport) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau p, CancellationToken ct)
    {
        if (p.Essms.Count == 0) return [];
        var ids = p.Essms.ToArray();
        var essms = await db.Essms.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync(ct);
        var (debut, fin) = CalculsIndicateurs.DernierMoisRevolu(p.Aujourdhui);
        var mesures = new List<IReadOnlyList<MesureRapportee>>();
        foreach (var e in essms) mesures.Add(await rapport.MesurerAsync(e.Id, debut, fin, ct));

        MesureRapportee? M(int i, string code) => mesures[i].FirstOrDefault(m => m.Code == code);
        List<decimal?> TauxDe(string code) => essms.Select((_, i) => M(i, code) is { Denominateur: { } d } m ? CalculsIndicateurs.Taux(m.Numerateur, d) : null).ToList();
        var mois = CalculsIndicateurs.NomDuMois(debut);
        return
        [
            new(OrdreIndicateur.Usage, $"Usage du dossier informatisé en {mois}", essms.Count == 1 ? Graphique.Chiffres : Graphique.Barres,
                essms.Select(e => e.Nom).ToList(),
                [
                    new("Dossiers alimentés (DUI_ACTIF)", TauxDe(CodesIndicateurs.DuiActif)),
                    new("Identités qualifiées (INS_QUALIFIEE)", TauxDe(CodesIndicateurs.InsQualifiee)),
                    new("Personnes accompagnées dans le mois", essms.Select((_, i) => (decimal?)M(i, CodesIndicateurs.DuiActif)?.Denominateur).ToList(), "personnes"),
                ],
                $"Cibles d'usage du programme ESMS numérique, mesurées comme dans le rapport d'usage signé, du {debut:dd/MM/yyyy} au {fin:dd/MM/yyyy} : "
                + "parmi les personnes accompagnées dans le mois, la part dont le dossier a reçu au moins une écriture d'un professionnel, "
                + "et la part dont l'identité est qualifiée.",
                "%"),
        ];
    }
}
