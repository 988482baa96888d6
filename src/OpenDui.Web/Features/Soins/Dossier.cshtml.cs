using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Soins;

public sealed class AllergieForm
{
    public string? Libelle { get; set; }
    public string? CodeSubstance { get; set; }
    public TypeAllergie? Type { get; set; }
    public string? Reaction { get; set; }
    public SeveriteAllergie? Severite { get; set; }
    public SourceAllergie? Source { get; set; }
}

public sealed class MesureForm
{
    public TypeMesure? Type { get; set; }
    public decimal? Valeur { get; set; }
    public decimal? Valeur2 { get; set; }
    public EchelleDouleur? Echelle { get; set; }
    public DateTime? PriseLe { get; set; }
    public string? Commentaire { get; set; }
}

public sealed class ProblemeForm
{
    public string? Libelle { get; set; }
    public NatureProbleme? Nature { get; set; }
    public DateOnly? Debut { get; set; }
    public string? Commentaire { get; set; }
}

public sealed class AlimentationForm
{
    public int? IddsiBoissons { get; set; }
    public int? IddsiAliments { get; set; }
    public string? Regime { get; set; }
    public EchelleDouleur? EchelleDouleur { get; set; }
}

public sealed class ChuteForm
{
    public DateTime? SurvenueLe { get; set; }
    public string? Lieu { get; set; }
    public string? Circonstances { get; set; }
    public bool Blessure { get; set; }
    public string? DescriptionBlessure { get; set; }
    public string? Temoin { get; set; }
    public string? Mesures { get; set; }
}

public sealed class ScoreForm
{
    public EchelleRisque? Echelle { get; set; }
    public int? Score { get; set; }
    public DateOnly? Date { get; set; }
}

/// <summary>The care record of one person: alerts, allergies, history, diet, measurements with their charts, falls and risks.</summary>
public sealed class DossierModel(GestionSoins gestion, TimeProvider horloge) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public AllergieForm Allergie { get; set; } = new();
    [BindProperty] public MesureForm Mesure { get; set; } = new();
    [BindProperty] public ProblemeForm Probleme { get; set; } = new();
    [BindProperty] public AlimentationForm Alimentation { get; set; } = new();
    [BindProperty] public ChuteForm Chute { get; set; } = new();
    [BindProperty] public ScoreForm Score { get; set; } = new();
    public DossierSoins Dossier { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => AfficherAsync($"page /Soins/Dossier/{UsagerId}", ct);

    /// <summary>A local wall-clock time typed on the page, as an instant in the installation's time zone.</summary>
    private DateTimeOffset? Instant(DateTime? local) =>
        local is { } l ? new DateTimeOffset(l, horloge.LocalTimeZone.GetUtcOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified))) : null;

    public async Task<IActionResult> OnPostAllergieAsync(CancellationToken ct)
    {
        var a = Allergie;
        return await ApresAsync(await gestion.AjouterAllergieAsync(UsagerId, new NouvelleAllergie(a.Libelle, a.CodeSubstance, a.Type, a.Reaction, a.Severite, a.Source), ct),
            "Allergie", "Allergie enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostStatutAllergieAsync(Guid allergie, StatutAllergie statut, CancellationToken ct) =>
        await ApresAsync(await gestion.ChangerStatutAllergieAsync(allergie, new ChangementStatutAllergie(statut), ct), "", "Statut de l'allergie changé.", ct);

    public async Task<IActionResult> OnPostAucuneAllergieAsync(CancellationToken ct) =>
        await ApresAsync(await gestion.DeclarerAucuneAllergieAsync(UsagerId, ct), "", "Enregistré : aucune allergie connue.", ct);

    public async Task<IActionResult> OnPostMesureAsync(CancellationToken ct)
    {
        var m = Mesure;
        return await ApresAsync(await gestion.EnregistrerMesureAsync(UsagerId, new NouvelleMesure(m.Type, m.Valeur, m.Valeur2, m.Echelle, Instant(m.PriseLe), m.Commentaire), ct),
            "Mesure", "Mesure enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostProblemeAsync(CancellationToken ct)
    {
        var p = Probleme;
        return await ApresAsync(await gestion.AjouterProblemeAsync(UsagerId, new NouveauProbleme(p.Libelle, p.Nature, p.Debut, null, p.Commentaire), ct),
            "Probleme", "Enregistré.", ct);
    }

    public async Task<IActionResult> OnPostAlimentationAsync(CancellationToken ct)
    {
        var a = Alimentation;
        return await ApresAsync(await gestion.DefinirAlimentationAsync(UsagerId, new Alimentation(a.IddsiBoissons, a.IddsiAliments, a.Regime, a.EchelleDouleur), ct),
            "Alimentation", "Alimentation enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostChuteAsync(CancellationToken ct)
    {
        var c = Chute;
        return await ApresAsync(await gestion.EnregistrerChuteAsync(UsagerId, new NouvelleChute(Instant(c.SurvenueLe), c.Lieu, c.Circonstances, c.Blessure,
            c.DescriptionBlessure, c.Temoin, c.Mesures), ct), "Chute", "Chute enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct)
    {
        var s = Score;
        return await ApresAsync(await gestion.EnregistrerScoreAsync(UsagerId, new NouveauScore(s.Echelle, s.Score, s.Date), ct), "Score", "Score enregistré.", ct);
    }

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, string prefixe, string message, CancellationToken ct)
    {
        ModelState.Clear();
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) { TempData["Message"] = message; return Redirect(GestionSoins.Lien(UsagerId)); }
        ModelState.Reporter(r.Erreurs, prefixe);
        return await AfficherAsync($"page POST /Soins/Dossier/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await gestion.LireAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur!;
        return Page();
    }
}
