using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Professionnels;

public sealed class ProfessionnelForm
{
    public string? Nom { get; set; }
    public string? Prenom { get; set; }
    public string? Courriel { get; set; }
    public string? Rpps { get; set; }
    public string? Profession { get; set; }
    public string? MotDePasseInitial { get; set; }
}

public sealed class HabilitationForm
{
    public Role? Role { get; set; }
    public Guid? EssmsId { get; set; }
    public Guid? UniteId { get; set; }
    public DateOnly? DateFin { get; set; }
}

public sealed class IndexModel(GestionProfessionnels gestion) : PageModel
{
    [BindProperty] public ProfessionnelForm Nouveau { get; set; } = new();
    [BindProperty] public HabilitationForm Habilitation { get; set; } = new();
    [BindProperty] public Guid ProfessionnelId { get; set; }
    public List<ProfessionnelVue> Professionnels { get; private set; } = [];
    public List<(Guid Id, string Nom)> Etablissements { get; private set; } = [];
    public List<(Guid Id, string Nom)> Unites { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await ChargerAsync(ct);

    public async Task<IActionResult> OnPostCreerAsync(CancellationToken ct)
    {
        var n = Nouveau;
        return await ApresAsync(await gestion.CreerAsync(new NouveauProfessionnel(n.Nom, n.Prenom, n.Courriel, n.Rpps, n.Profession, n.MotDePasseInitial), ct), ct);
    }

    public async Task<IActionResult> OnPostHabiliterAsync(CancellationToken ct) =>
        await ApresAsync(await gestion.HabiliterAsync(ProfessionnelId, new NouvelleHabilitation(Habilitation.Role, Habilitation.EssmsId, Habilitation.UniteId, Habilitation.DateFin), ct), ct);

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, Guid habilitationId, CancellationToken ct) =>
        await ApresAsync(await gestion.RetirerHabilitationAsync(id, habilitationId, ct), ct);

    public async Task<IActionResult> OnPostDeverrouillerAsync(Guid id, CancellationToken ct) =>
        await ApresAsync(await gestion.DeverrouillerAsync(id, false, ct), ct);

    public async Task<IActionResult> OnPostReinitialiserSecondFacteurAsync(Guid id, CancellationToken ct) =>
        await ApresAsync(await gestion.DeverrouillerAsync(id, true, ct), ct);

    public async Task<IActionResult> OnPostDesactiverAsync(Guid id, CancellationToken ct) =>
        await ApresAsync(await gestion.DefinirActifAsync(id, false, ct), ct);

    public async Task<IActionResult> OnPostReactiverAsync(Guid id, CancellationToken ct) =>
        await ApresAsync(await gestion.DefinirActifAsync(id, true, ct), ct);

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) return RedirectToPage();
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(ct);
        return Page();
    }

    private async Task ChargerAsync(CancellationToken ct)
    {
        Professionnels = await gestion.ListerAsync(ct);
        (Etablissements, Unites) = await gestion.StructuresAsync(ct);
    }
}
