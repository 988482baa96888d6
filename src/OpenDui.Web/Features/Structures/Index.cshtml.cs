using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Structures;

public sealed class OrganismeForm { public string? FinessEj { get; set; } public string? RaisonSociale { get; set; } public string? StatutJuridiqueCode { get; set; } }
public sealed class EssmsForm
{
    public Guid OrganismeId { get; set; }
    public string? FinessEt { get; set; }
    public string? Nom { get; set; }
    public string? CategorieCode { get; set; }
    public string? AdresseLigne { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public int? Capacite { get; set; }
}
public sealed class UniteForm { public Guid EssmsId { get; set; } public string? Nom { get; set; } public int? Capacite { get; set; } }

public sealed class IndexModel(GestionStructures gestion) : PageModel
{
    [BindProperty] public OrganismeForm Organisme { get; set; } = new();
    [BindProperty] public EssmsForm Essms { get; set; } = new();
    [BindProperty] public UniteForm Unite { get; set; } = new();
    public List<OrganismeVue> Organismes { get; private set; } = [];
    public List<(string Code, string Libelle)> Statuts { get; private set; } = [];
    public List<(string Code, string Libelle, Referentiel.Nomenclatures.ChampActivite ChampActivite)> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await ChargerAsync(ct);

    public async Task<IActionResult> OnPostOrganismeAsync(CancellationToken ct) =>
        await ApresAsync(await gestion.CreerOrganismeAsync(new NouvelOrganisme(Organisme.FinessEj, Organisme.RaisonSociale, Organisme.StatutJuridiqueCode), ct), ct);

    public async Task<IActionResult> OnPostEssmsAsync(CancellationToken ct) =>
        await ApresAsync(await gestion.CreerEssmsAsync(new NouvelEssms(Essms.OrganismeId, Essms.FinessEt, Essms.Nom, Essms.CategorieCode,
            Essms.AdresseLigne, Essms.CodePostal, Essms.Commune, Essms.Capacite), ct), ct);

    public async Task<IActionResult> OnPostUniteAsync(CancellationToken ct) =>
        await ApresAsync(await gestion.CreerUniteAsync(new NouvelleUnite(Unite.EssmsId, Unite.Nom, Unite.Capacite), ct), ct);

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.EstOk) return RedirectToPage();
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(ct);
        return Page();
    }

    private async Task ChargerAsync(CancellationToken ct)
    {
        Organismes = await gestion.ListerAsync(ct);
        (Statuts, Categories) = await gestion.NomenclaturesAsync(ct);
    }
}
