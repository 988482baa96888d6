using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

/// <summary>
/// What the identities add to the direction's dashboard: among the people with a séjour in progress today, the share
/// whose identity is qualified (RNIV: the INS may then be used), and the status of the others per ESSMS. Counts only.
/// </summary>
internal sealed class IndicateursUsagers(OpenDuiDbContext db) : IIndicateursDirection
{
    public async Task<IReadOnlyList<IndicateurDirection>> LireAsync(PerimetreTableau p, CancellationToken ct)
    {
        if (p.Essms.Count == 0) return [];
        var ids = p.Essms.ToArray();
        var jour = p.Aujourdhui;
        var essms = await db.Essms.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync(ct);
        var accompagnes = db.Sejours.AsNoTracking()
            .Where(s => ids.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateAdmission <= jour && (s.DateSortie == null || s.DateSortie > jour))
            .Join(db.Usagers.Where(u => u.FusionneDansId == null), s => s.UsagerId, u => u.Id, (s, u) => new { s.EssmsId, u.Id, u.Statut });
        var parEssms = await accompagnes.GroupBy(x => new { x.EssmsId, x.Statut })
            .Select(g => new { g.Key.EssmsId, g.Key.Statut, N = g.Select(x => x.Id).Distinct().Count() }).ToListAsync(ct);
        // A person followed by two ESSMS counts once in the total.
        var total = await accompagnes.Select(x => new { x.Id, x.Statut }).Distinct()
            .GroupBy(x => x.Statut).Select(g => new { Statut = g.Key, N = g.Count() }).ToListAsync(ct);
        var personnes = total.Sum(t => t.N);
        var qualifiees = total.Where(t => t.Statut == StatutIdentite.Qualifiee).Sum(t => t.N);

        var statuts = new[] { StatutIdentite.Qualifiee, StatutIdentite.Validee, StatutIdentite.Recuperee, StatutIdentite.Provisoire };
        return
        [
            new(OrdreIndicateur.Identites, "Identités qualifiées", Graphique.Chiffres, [$"Au {jour:dd/MM/yyyy}"],
                [
                    new("Part des identités qualifiées", [CalculsIndicateurs.Taux(qualifiees, personnes)], "%"),
                    new("Identités qualifiées", [qualifiees]),
                    new("Personnes accompagnées", [personnes]),
                ],
                "Parmi les personnes ayant un séjour en cours aujourd'hui, celles dont l'identité est qualifiée "
                + "(vérifiée auprès du téléservice INSi et sur une pièce d'identité) : seule une identité qualifiée permet d'utiliser l'INS."),
            new(OrdreIndicateur.Identites + 1, "Statut des identités par établissement", Graphique.BarresEmpilees, essms.Select(e => e.Nom).ToList(),
                statuts.Select(st => new SerieIndicateur(st.Libelle(),
                    essms.Select(e => (decimal?)parEssms.Where(x => x.EssmsId == e.Id && x.Statut == st).Sum(x => x.N)).ToList())).ToList(),
                "Personnes ayant un séjour en cours aujourd'hui, selon le statut de leur identité (référentiel national d'identitovigilance)."),
        ];
    }
}
