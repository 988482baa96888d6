using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed class DossierModel(DossierUsager dossier, PerimetreAcces perimetre, OpenDuiDbContext db, Audit.JournalAcces journal,
    IEnumerable<IPanneauDossier> panneaux) : PageModel
{
    public sealed record PageChronologie(Guid UsagerId, List<LigneChronologie> Lignes, long? Suite);

    public Dossier? Dossier { get; private set; }
    public PageChronologie Chronologie { get; private set; } = new(Guid.Empty, [], null);
    public bool PeutGererIdentite { get; private set; }
    public bool PeutGererEntourage { get; private set; }
    public bool PeutAdmettre { get; private set; }
    public bool PeutExporterDonnees { get; private set; }
    /// <summary>What each module shows on the record, in page order.</summary>
    public List<PanneauDossier> Panneaux { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await dossier.LireAsync(id, $"page /Usagers/Dossier/{id}", ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur;
        var (lignes, suite) = await Usagers.Chronologie.PageAsync(db, id, null, ct);
        Chronologie = new PageChronologie(id, lignes, suite);
        PeutGererIdentite = await perimetre.PeutAgirAsync(id, Roles.GestionnairesAdmission, ct);
        PeutAdmettre = PeutGererIdentite;
        PeutExporterDonnees = await perimetre.PeutAgirAsync(id, [Role.Direction, Role.ChefDeService], ct);
        PeutGererEntourage = await perimetre.PeutAgirAsync(id, Roles.GestionnairesEntourage, ct);
        foreach (var p in panneaux)
            if (await p.LireAsync(id, ct) is { } panneau) Panneaux.Add(panneau);
        Panneaux.Sort((a, b) => a.Ordre.CompareTo(b.Ordre));
        return Page();
    }

    public async Task<IActionResult> OnGetChronologieAsync(Guid id, long avant, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return NotFound();
        var (lignes, suite) = await Usagers.Chronologie.PageAsync(db, id, avant, ct);
        await journal.TracerLectureAsync(db, id, $"page /Usagers/Dossier/{id}?handler=Chronologie");
        return Partial("_Chronologie", new PageChronologie(id, lignes, suite));
    }
}
