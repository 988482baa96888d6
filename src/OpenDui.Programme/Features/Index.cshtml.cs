using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features;

/// <summary>What waits for an instructor (ARS, CNSA, DNS) in their perimeter: files to rule on before each decision
/// milestone, payments due, and usage targets at risk.</summary>
public sealed record ChiffresInstructeur(int Annee, int RecevabiliteAStatuer, int CompletudeAConstater, IReadOnlyList<(DateOnly? Jalon, int Dossiers)> ADeciderParJalon,
    int VersementsDus, decimal MontantVersementsDus, int CiblesARisque);

/// <summary>The home page; for an instructor, their figures.</summary>
public sealed class IndexModel(ProgrammeDbContext db, Campagnes campagnes, TimeProvider horloge) : PageProgramme
{
    public ChiffresInstructeur? Chiffres { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Acteur.Profil is not (Profil.InstructeurArs or Profil.Cnsa or Profil.Dns)) return;
        Campagne campagne;
        try { campagne = await campagnes.OuverteAsync(ct); }
        catch (RegleException) { return; }
        var p = campagne.Parametres;
        var aujourdhui = ParametresCampagne.DateDeParis(horloge.GetUtcNow());
        var visibles = db.Candidatures.AsNoTracking().Visibles(Acteur);
        var enCours = await visibles.Where(c => c.Annee == campagne.Annee
                && (c.Statut == StatutCandidature.Deposee || c.Statut == StatutCandidature.Instruite))
            .Select(c => new { c.Statut, c.Recevable, c.DeposeeLe }).ToListAsync(ct);
        // A complete file goes to the first milestone on or after today that follows its filing (the committee that will examine it).
        var jalons = p.JalonsDecision.Order().ToList();
        var aDecider = enCours.Where(c => c.Statut == StatutCandidature.Instruite)
            .GroupBy(c => jalons.Where(j => j >= aujourdhui && (c.DeposeeLe is null || j >= ParametresCampagne.DateDeParis(c.DeposeeLe.Value))).Select(j => (DateOnly?)j).FirstOrDefault())
            .OrderBy(g => g.Key ?? DateOnly.MaxValue).Select(g => (g.Key, g.Count())).ToList();
        var dus = await db.Versements.AsNoTracking().Where(v => v.VerseLe == null && visibles.Any(c => c.Id == v.CandidatureId))
            .Select(v => v.Montant).ToListAsync(ct);
        // At risk: in its usage phase longer than the longest evaluation period of the campaign's targets, still without targets reached.
        var periode = await db.Cibles.AsNoTracking().Select(c => (int?)c.PeriodeMois).MaxAsync(ct) ?? 3;
        var limite = aujourdhui.AddMonths(-periode);
        var risque = await visibles.CountAsync(c => c.Statut == StatutCandidature.EnUsage && c.CiblesAtteintesLe == null && c.DebutUsageLe != null && c.DebutUsageLe <= limite, ct);
        Chiffres = new ChiffresInstructeur(campagne.Annee, enCours.Count(c => c.Statut == StatutCandidature.Deposee && c.Recevable == null),
            enCours.Count(c => c.Statut == StatutCandidature.Deposee && c.Recevable == true), aDecider, dus.Count, dus.Sum(), risque);
    }

    protected override Task<Microsoft.AspNetCore.Mvc.IActionResult> Echec() => Task.FromResult<Microsoft.AspNetCore.Mvc.IActionResult>(Page());
}
