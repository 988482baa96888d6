using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Liaison;

/// <summary>One letter: its draft written on the tablet (saved, refreshed from the record, validated and signed, or thrown away),
/// or the validated letter, its PDF, its DMP state and its correction.</summary>
public sealed class LettreModel(GestionLiaison liaison) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public string? Etablissement { get; set; }
    [BindProperty] public string? Motif { get; set; }
    [BindProperty] public string? EtatSante { get; set; }
    [BindProperty] public string? PointsVigilance { get; set; }
    [BindProperty] public string? Besoins { get; set; }
    public LettreVue Vue { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Liaison/Lettre/{Id}", true, ct);

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        var r = await liaison.PdfAsync(Id, $"page /Liaison/Lettre/{Id}?handler=Pdf", ct);
        return r.EstOk ? File(r.Valeur!.Octets, "application/pdf", r.Valeur.NomFichier) : NotFound();
    }

    private SaisieLettre Saisie(bool actualiser) => new(Date, Etablissement, Motif, EtatSante, PointsVigilance, Besoins, actualiser);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        AgirAsync(() => liaison.EnregistrerAsync(Id, Saisie(false), ct), "Brouillon enregistré.", null, ct);

    public Task<IActionResult> OnPostActualiserAsync(CancellationToken ct) =>
        AgirAsync(() => liaison.EnregistrerAsync(Id, Saisie(true), ct), "Brouillon enregistré et données du dossier reprises.", null, ct);

    /// <summary>Saves what is on screen, then signs it: one tap for the author.</summary>
    public Task<IActionResult> OnPostValiderAsync(CancellationToken ct) =>
        AgirAsync(async () =>
        {
            var e = await liaison.EnregistrerAsync(Id, Saisie(false), ct);
            return e.EstOk ? await liaison.ValiderAsync(Id, ct) : e;
        }, "Lettre validée et signée.", null, ct);

    public Task<IActionResult> OnPostCorrigerAsync(CancellationToken ct) =>
        AgirAsync(() => liaison.CorrigerAsync(Id, ct), "Nouvelle version ouverte : corrigez-la puis validez-la, elle remplacera la précédente.", r => r, ct);

    public async Task<IActionResult> OnPostAbandonnerAsync(CancellationToken ct)
    {
        var lue = await liaison.LireAsync(Id, $"page POST /Liaison/Lettre/{Id}", ct);
        if (!lue.EstOk) return NotFound();
        var r = await liaison.AbandonnerAsync(Id, ct);
        if (r.EstOk) return Redirect($"/Liaison/Sejour/{lue.Valeur!.SejourId}");
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Liaison/Lettre/{Id}", false, ct);
    }

    private async Task<IActionResult> AgirAsync<T>(Func<Task<Resultat<T>>> action, string message, Func<T, Guid>? vers, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await action();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk) { TempData["Message"] = message; return Redirect($"/Liaison/Lettre/{(vers is null ? Id : vers(r.Valeur!))}"); }
        ModelState.Reporter(r.Erreurs);
        return await AfficherAsync($"page POST /Liaison/Lettre/{Id}", false, ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, bool remplir, CancellationToken ct)
    {
        var r = await liaison.LireAsync(Id, ressource, ct);
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (!r.EstOk) return NotFound();
        Vue = r.Valeur!;
        if (remplir)
            (Date, Etablissement, Motif, EtatSante, PointsVigilance, Besoins) = (Vue.DateMouvement, Vue.Etablissement, Vue.Motif, Vue.EtatSante, Vue.PointsVigilance, Vue.Besoins);
        return Page();
    }
}
