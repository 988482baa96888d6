using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>The public atlas of a campaign year or, cumulated, of a range of campaigns (anonymous: aggregate counts of
/// public funding, no names), and its PDF. Same parameters as <c>GET /api/atlas</c>.</summary>
public sealed class IndexModel(ConstructionAtlas construction, TimeProvider horloge) : PageModel
{
    public IReadOnlyList<int> Annees { get; private set; } = [];
    public int? Annee { get; private set; }
    public int? Depuis { get; private set; }
    public int? Jusqua { get; private set; }
    public AtlasAnnuel? Atlas { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? annee, int? depuis, int? jusqua, CancellationToken ct) =>
        await Charger(annee, depuis, jusqua, ct) ? Page() : Refus();

    public async Task<IActionResult> OnGetPdfAsync(int? annee, int? depuis, int? jusqua, CancellationToken ct)
    {
        if (!await Charger(annee, depuis, jusqua, ct)) return Refus();
        var a = Atlas!;
        var pdf = RapportAtlasPdf.Produire(a, TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), Regles.ParametresCampagne.Paris));
        return File(pdf, "application/pdf", a.Cumul ? $"atlas-esms-numerique-{a.Depuis}-{a.Jusqua}.pdf" : $"atlas-esms-numerique-{a.Annee}.pdf");
    }

    /// <summary>Query string of the shown atlas, for its PDF and JSON links.</summary>
    public string Parametres => Atlas is not { } a ? "" : a.Cumul ? $"depuis={a.Depuis}&jusqua={a.Jusqua}" : $"annee={a.Annee}";

    private async Task<bool> Charger(int? annee, int? depuis, int? jusqua, CancellationToken ct)
    {
        Annees = await construction.AnneesAsync(ct);
        if (Annees.Count == 0) { Erreur = "Aucune campagne n'est encore enregistrée."; return false; }
        if (annee is null && depuis is null && jusqua is null) annee = Annees[0];
        var r = await AtlasApi.LireAsync(annee, depuis, jusqua, construction, ct);
        Annee = annee;
        Depuis = depuis ?? (annee is null ? Annees.Min() : null);
        Jusqua = jusqua ?? (annee is null ? Annees.Max() : null);
        if (!r.EstOk) { Erreur = string.Join(" ", r.Erreurs.Messages); return false; }
        Atlas = r.Valeur;
        return true;
    }

    private PageResult Refus()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
