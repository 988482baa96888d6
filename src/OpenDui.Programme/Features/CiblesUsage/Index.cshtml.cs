using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Data;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>The campaign's usage targets, the projects in the usage phase in the caller's scope, and the evaluation
/// of the selected one (one project at a time: the evaluation reads every report of its ESSMS).</summary>
public sealed class IndexModel(TableauCibles tableau, Campagnes campagnes, ProgrammeDbContext db) : PageProgramme
{
    [BindProperty(SupportsGet = true)] public int? Annee { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public int NumeroPage { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public Guid? Projet { get; set; }
    /// <summary>Only the ESSMS that miss at least one target (a large grappe has hundreds of lines).</summary>
    [BindProperty(SupportsGet = true)] public bool Ecarts { get; set; }
    public IReadOnlyList<int> Annees { get; private set; } = [];
    public IReadOnlyList<CibleUsage> Cibles { get; private set; } = [];
    public PageProjetsEnUsage Projets { get; private set; } = new([], 0, 1, TableauCibles.TaillePage);
    public EvaluationProjet? Evaluation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Annees = await db.Campagnes.AsNoTracking().OrderByDescending(c => c.Annee).Select(c => c.Annee).ToListAsync();
        if (Annee is not { } annee || !Annees.Contains(annee)) Annee = annee = (await campagnes.OuverteAsync()).Annee;
        Cibles = await tableau.CiblesAsync(annee);
        Projets = await tableau.ProjetsAsync(Acteur, new(annee, Region, NumeroPage));
        if (Projet is { } id)
        {
            try { Evaluation = await tableau.EvaluerAsync(Acteur, id); }
            catch (IntrouvableException) { return NotFound(); }
            if (Evaluation.Annee != annee) Cibles = await tableau.CiblesAsync(Evaluation.Annee);
        }
        return Page();
    }

    public string Lien(int? page = null, Guid? projet = null) =>
        $"?Annee={Annee}&Region={Uri.EscapeDataString(Region ?? "")}&NumeroPage={page ?? Projets.Page}" + (projet is { } p ? $"&Projet={p}#evaluation" : "");

    protected override async Task<IActionResult> Echec() => await OnGetAsync();
}
