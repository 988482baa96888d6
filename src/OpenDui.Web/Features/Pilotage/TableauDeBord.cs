using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Pilotage;

public sealed record EtablissementTableau(Guid Id, string Nom);

/// <param name="EssmsId">The ESSMS chosen, or null for every ESSMS of the reader's perimeter.</param>
/// <param name="Portee">What the figures cover, in words ("Toute l'organisation (3 établissements)" or the ESSMS's name).</param>
/// <param name="Etablissements">The ESSMS the reader may choose from.</param>
public sealed record TableauDirection(Guid? EssmsId, string Portee, DateOnly Aujourdhui, IReadOnlyList<EtablissementTableau> Etablissements,
    IReadOnlyList<IndicateurDirection> Indicateurs);

/// <summary>
/// The direction's dashboard: asks every module's <see cref="IIndicateursDirection"/> for its indicators over one ESSMS
/// or all those where the reader holds a direction or chef de service habilitation, and puts them in order. Counts
/// only, no record is opened: nothing to trace in the access trail.
/// </summary>
public sealed class TableauDeBord(OpenDuiDbContext db, PerimetreAcces perimetre, IEnumerable<IIndicateursDirection> contributeurs)
{
    public static readonly Role[] Lecteurs = [Role.Direction, Role.ChefDeService];

    public async Task<Resultat<TableauDirection>> LireAsync(Guid? essmsId, CancellationToken ct)
    {
        var (perimetreEssms, _) = await perimetre.PerimetreAsync(Lecteurs, ct);
        var etablissements = await db.Essms.AsNoTracking().Where(e => perimetreEssms.Contains(e.Id)).OrderBy(e => e.Nom)
            .Select(e => new EtablissementTableau(e.Id, e.Nom)).ToListAsync(ct);
        if (essmsId is { } id && etablissements.All(e => e.Id != id)) return Resultat<TableauDirection>.Introuvable();

        var couverts = essmsId is { } choisi ? etablissements.Where(e => e.Id == choisi).ToList() : etablissements;
        var portee = essmsId is not null ? couverts[0].Nom
            : couverts.Count == 0 ? "Aucun établissement : vous n'avez d'habilitation de direction ou de chef de service sur aucun établissement entier."
            : couverts.Count == 1 ? $"Toute l'organisation ({couverts[0].Nom})"
            : $"Toute l'organisation ({couverts.Count} établissements)";
        var aujourdhui = db.Aujourdhui;
        var indicateurs = new List<IndicateurDirection>();
        if (couverts.Count > 0)
        {
            var p = new PerimetreTableau(couverts.Select(e => e.Id).ToList(), aujourdhui);
            // One after the other: they share the request's DbContext.
            foreach (var c in contributeurs) indicateurs.AddRange(await c.LireAsync(p, ct));
        }
        return Resultat<TableauDirection>.Ok(new(essmsId, portee, aujourdhui, etablissements, indicateurs.OrderBy(i => i.Ordre).ToList()));
    }
}
