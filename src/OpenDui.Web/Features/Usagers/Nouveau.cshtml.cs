using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed class IdentiteForm
{
    public string? NomNaissance { get; set; }
    public string? PrenomsNaissance { get; set; }
    public string? Sexe { get; set; }
    public DateOnly? DateNaissance { get; set; }
    public string? LieuNaissance { get; set; }
    public string? NomUtilise { get; set; }
    public string? PrenomUtilise { get; set; }
}

[Authorize(Policy = Politiques.GererAdmissions)]
public sealed class NouveauModel(CreationUsager creation, OpenDuiDbContext db, PerimetreAcces perimetre) : PageModel
{
    [BindProperty] public IdentiteForm Identite { get; set; } = new();
    [BindProperty] public NouveauSejourForm Sejour { get; set; } = new();
    [BindProperty] public bool ConfirmerNonDoublon { get; set; }
    public IReadOnlyList<DoublonPotentiel> Doublons { get; private set; } = [];
    public ChampsSejour Champs { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sejour.DateAdmissionPrevue = db.Aujourdhui;
        Champs = await ChampsSejour.ChargerAsync(db, perimetre, Sejour, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear(); // the use case validates and speaks French
        var i = Identite;
        var (r, doublons) = await creation.ExecuterAvecDoublonsAsync(new NouvelUsager(i.NomNaissance, i.PrenomsNaissance, i.Sexe, i.DateNaissance,
            i.LieuNaissance, i.NomUtilise, i.PrenomUtilise, Sejour.VersCommande(), ConfirmerNonDoublon), ct);
        if (r.EstOk)
        {
            TempData["Message"] = "Dossier créé.";
            return Redirect($"/Usagers/Dossier/{r.Valeur}");
        }
        Doublons = doublons;
        ModelState.Reporter(r.Erreurs);
        Champs = await ChampsSejour.ChargerAsync(db, perimetre, Sejour, ct);
        return Page();
    }
}
