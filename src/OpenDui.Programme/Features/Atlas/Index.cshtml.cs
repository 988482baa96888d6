using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.Atlas;

/// <summary>The public atlas of a campaign year (anonymous: aggregate counts of public funding, no names), and its PDF.</summary>
public sealed class IndexModel(ConstructionAtlas construction, TimeProvider horloge) : PageModel
{
    public IReadOnlyList<int> Annees { get; private set; } = [];
    public int? Annee { get; private set; }
    public AtlasAnnuel? Atlas { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? annee, CancellationToken ct) =>
        await Charger(annee, ct) ? Page() : Refus();

    public async Task<IActionResult> OnGetPdfAsync(int? annee, CancellationToken ct)
    {
        if (!await Charger(annee, ct)) return Refus();
        var pdf = RapportAtlasPdf.Produire(Atlas!, TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), Regles.ParametresCampagne.Paris));
        return File(pdf, "application/pdf", $"atlas-esms-numerique-{Atlas!.Annee}.pdf");
    }

    private async Task<bool> Charger(int? annee, CancellationToken ct)
    {
        Annees = await construction.AnneesAsync(ct);
        Annee = annee ?? Annees.FirstOrDefault();
        if (Annees.Count == 0) { Erreur = "Aucune campagne n'est encore enregistrée."; return false; }
        try
        {
            Atlas = await construction.ConstruireAsync(Annee.Value, ct);
            return true;
        }
        catch (RegleException e)
        {
            Erreur = e.Message;
            return false;
        }
    }

    private PageResult Refus()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
