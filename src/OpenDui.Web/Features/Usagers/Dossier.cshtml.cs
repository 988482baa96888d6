using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed class DossierModel(DossierUsager dossier, PerimetreAcces perimetre, ChronologieDossier chronologie,
    IEnumerable<IPanneauDossier> panneaux) : PageModel
{
    public Dossier? Dossier { get; private set; }
    public VueChronologie Chronologie { get; private set; } = null!;
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
        Chronologie = await chronologie.VueAsync(id, new FiltreChronologie(), null, null, ct);
        PeutGererIdentite = await perimetre.PeutAgirAsync(id, Roles.GestionnairesAdmission, ct);
        PeutAdmettre = PeutGererIdentite;
        PeutExporterDonnees = await perimetre.PeutAgirAsync(id, [Role.Direction, Role.ChefDeService], ct);
        PeutGererEntourage = await perimetre.PeutAgirAsync(id, Roles.GestionnairesEntourage, ct);
        foreach (var p in panneaux)
            if (await p.LireAsync(id, ct) is { } panneau) Panneaux.Add(panneau);
        Panneaux.Sort((a, b) => a.Ordre.CompareTo(b.Ordre));
        return Page();
    }

    /// <summary>The chronology's filter bar and its "voir plus" (htmx): the rows only.</summary>
    public async Task<IActionResult> OnGetChronologieAsync(Guid id, string? categorie, Guid? auteur, DateOnly? du, DateOnly? au, Guid? essms, string? q,
        string? avant, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return NotFound();
        var vue = await chronologie.VueAsync(id, new FiltreChronologie(categorie, auteur, du, au, essms, q), avant, $"page /Usagers/Dossier/{id}?handler=Chronologie", ct);
        return Partial("_LignesChronologie", vue);
    }
}
