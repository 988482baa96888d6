using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features;

/// <summary>Home: "Ma journée" for care staff (the bare address), "mes usagers" (the search) for those who read records;
/// administrators and the DPO go to their own pages.</summary>
public sealed class IndexModel(RechercheUsagers recherche, Journee.MaJournee journee) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Nom { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? DateNaissance { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? EssmsId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UniteId { get; set; }
    [BindProperty(SupportsGet = true)] public bool InclureSortis { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int NumeroPage { get; set; } = 1;

    public PageUsagers Resultats { get; private set; } = new([], 1, RechercheUsagers.TaillePage, false, false);
    public List<(Guid Id, string Nom)> Etablissements { get; private set; } = [];
    public List<(Guid Id, string Nom)> Unites { get; private set; } = [];
    /// <summary>Set when the page shows "Ma journée" rather than the search.</summary>
    public Journee.Journee? Journee { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Roles.LecteursDeDossier.Any(r => User.IsInRole(r.ToString())))
            return User.IsInRole(nameof(Role.Administrateur)) ? Redirect("/Structures")
                : User.IsInRole(nameof(Role.Dpo)) ? Redirect("/Audit")
                : User.IsInRole(nameof(Role.ReferentIdentitovigilance)) ? Redirect("/Identitovigilance") : Redirect("/Compte/AccesRefuse");
        // The bare address is the care team's day, shown here rather than redirected (one round trip less on a
        // tablet's Wi-Fi); any query (the search, its pages, "Mes usagers" = /?nom=) is the search.
        if (!Request.QueryString.HasValue && Features.Journee.EquipeDeSoins.En(User))
        {
            Journee = await journee.LireAsync(ct);
            return Page();
        }
        var trouves = await recherche.ExecuterAsync(new CritereRecherche(Nom, DateNaissance, EssmsId, UniteId, InclureSortis, NumeroPage), ct);
        if (trouves.EstOk) Resultats = trouves.Valeur!;
        else
        {
            ModelState.Reporter(trouves.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        // Each keystroke of the search (htmx) needs the results only: no lists of establishments and units.
        if (Request.Headers["HX-Request"] == "true" && Request.Headers["HX-Target"] == "resultats" && Request.Headers["HX-History-Restore-Request"] != "true")
            return Partial("/Features/Usagers/_ResultatsRecherche.cshtml", this);
        (Etablissements, Unites) = await recherche.FiltresAsync(EssmsId, ct);
        return Page();
    }

    public string UrlPage(int page) => "/" + QueryString.Create(new KeyValuePair<string, string?>[]
    {
        new("nom", Nom), new("dateNaissance", DateNaissance?.ToString("yyyy-MM-dd")), new("essmsId", EssmsId?.ToString()),
        new("uniteId", UniteId?.ToString()), new("inclureSortis", InclureSortis ? "true" : null), new("page", page.ToString()),
    }.Where(p => p.Value is not null)).ToUriComponent();
}
