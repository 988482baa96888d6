using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Liaison;

public sealed record SejourLiaison(Guid SejourId, string Essms, StatutSejour Statut, DateOnly? Sortie, bool SortieSansLettre);

public sealed record PanneauLiaisonModele(Guid UsagerId, IReadOnlyList<SejourLiaison> Sejours, IReadOnlyList<LettreResume> Lettres);

/// <summary>The record page, for the staff who write the letters: the séjours a letter can be written for (an exit of the last
/// 30 days without its lettre de sortie stands out) and the person's letters, drafts first.</summary>
internal sealed class PanneauLiaison(GestionLiaison liaison, SejoursDuDossier sejours, TimeProvider horloge) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        if (await liaison.PourPanneauAsync(usagerId, ct) is not { } lettres) return null;
        var aujourdhui = DateOnly.FromDateTime(horloge.GetLocalNow().DateTime);
        var ouverts = (await sejours.LireAsync(usagerId, ct))
            .Where(s => s.Statut is StatutSejour.Prevu or StatutSejour.EnCours || (s.Statut == StatutSejour.Termine && s.DateSortie >= aujourdhui.AddDays(-30)))
            .Select(s => new SejourLiaison(s.Id, s.Essms, s.Statut, s.DateSortie,
                s.Statut == StatutSejour.Termine && !lettres.Any(l => l.SejourId == s.Id && l.Sens == SensLiaison.Sortie)))
            .ToList();
        if (ouverts.Count == 0 && lettres.Count == 0) return null;
        return new PanneauDossier(OrdrePanneau.Sejours + 60, "/Features/Liaison/_PanneauLiaison.cshtml", new PanneauLiaisonModele(usagerId, ouverts,
            lettres.OrderBy(l => l.Statut != StatutLettre.Brouillon).ThenByDescending(l => l.DateMouvement).Take(6).ToList()));
    }
}
