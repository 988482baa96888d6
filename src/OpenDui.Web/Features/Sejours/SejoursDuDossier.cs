using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

/// <param name="UniteId">Its unit, for the modules that keep to a reader's units (the Projets panel reads the séjours through here).</param>
public sealed record SejourVue(Guid Id, string Identifiant, Guid EssmsId, string Essms, string? Unite, ModaliteAccueil Modalite, Provenance Provenance,
    StatutSejour Statut, DateOnly DateAdmissionPrevue, DateOnly? DateAdmission, DateOnly? DateSortiePrevue, DateOnly? DateSortie, MotifSortie? MotifSortie,
    Guid? UniteId = null);

/// <summary>The séjours of a record as the record shows them, newest first, each with its TDDUI identifier.</summary>
public sealed class SejoursDuDossier(OpenDuiDbContext db)
{
    // The record page needs them twice (the record read, then its séjours panel): read once per request (scoped).
    // Nothing that changes a séjour reads them through here.
    private readonly Dictionary<Guid, List<SejourVue>> _lus = [];

    /// <summary>The comment its query carries (SQL logs, and the test that checks the record page reads the séjours once).</summary>
    public const string Etiquette = "Séjours du dossier";

    /// <summary>The caller has checked the perimeter and traces the record's read.</summary>
    public async Task<List<SejourVue>> LireAsync(Guid usagerId, CancellationToken ct)
    {
        if (_lus.TryGetValue(usagerId, out var deja)) return deja;
        var sejours = await db.Sejours.AsNoTracking().TagWith(Etiquette).Include(s => s.Essms).Include(s => s.Unite)
            .Where(s => s.UsagerId == usagerId).OrderByDescending(s => s.DateAdmissionPrevue).ToListAsync(ct);
        var identifiants = await db.IdentifiantsLocaux.AsNoTracking().Where(i => i.UsagerId == usagerId).ToListAsync(ct);
        var courants = identifiants.Where(i => !i.Ancien).GroupBy(i => i.EssmsId).ToDictionary(g => g.Key, g => g.First());
        var parId = identifiants.ToDictionary(i => i.Id);
        return _lus[usagerId] = sejours.Select(s => new SejourVue(s.Id,
                // Issued under its own identifier (stable across merges); older rows under the current one.
                (s.IdentifiantLocalId is { } il && parId.TryGetValue(il, out var l)) || courants.TryGetValue(s.EssmsId, out l)
                    ? Tddui.IdentifiantSejour(s.Essms!.FinessEt, l.Valeur, s.Numero) : "",
                s.EssmsId, s.Essms!.Nom, s.Unite?.Nom, s.Modalite, s.Provenance, s.Statut,
                s.DateAdmissionPrevue, s.DateAdmission, s.DateSortiePrevue, s.DateSortie, s.MotifSortie, s.UniteId)).ToList();
    }
}

/// <summary>The séjours panel of the record page, with the admission actions for those who manage admissions there.</summary>
public sealed record PanneauSejoursModele(Guid UsagerId, IReadOnlyList<SejourVue> Sejours, bool PeutAdmettre);

internal sealed class PanneauSejours(SejoursDuDossier sejours, PerimetreAcces perimetre) : IPanneauDossier
{
    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        new(OrdrePanneau.Sejours, "/Features/Sejours/_PanneauSejours.cshtml",
            new PanneauSejoursModele(usagerId, await sejours.LireAsync(usagerId, ct), await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct)));
}
