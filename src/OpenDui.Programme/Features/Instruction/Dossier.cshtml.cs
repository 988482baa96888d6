using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Candidatures;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>The instructor's file: every act of the path, each one form, each one transaction.</summary>
public sealed class DossierModel(ConsultationCandidatures consultation, InstructionCandidatures instruction, CalendriersArs calendriers, TimeProvider horloge) : PageProgramme
{
    /// <summary>Today in Paris by the console's clock: dates of acts cannot be later (the use cases check it too).</summary>
    public DateOnly Aujourdhui => DateOnly.FromDateTime(horloge.GetUtcNow().HeureDeParis().DateTime);
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public DossierCandidature Dossier { get; private set; } = null!;
    /// <summary>The milestones the decision form offers: the instructing ARS's published calendar, else the campaign's.</summary>
    public IReadOnlyList<DateOnly> Jalons { get; private set; } = [];
    public bool CalendrierPublie { get; private set; }
    [BindProperty] public ActeRecevabilite? Recevabilite { get; set; }
    [BindProperty] public ActeComplements? Complements { get; set; }
    [BindProperty] public ActeConsultationCd? Consultation { get; set; }
    [BindProperty] public ActeDecision? Decision { get; set; }
    [BindProperty] public ActeEtape? EtapeFranchie { get; set; }
    [BindProperty] public ActeVersement? Versement { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try { await ChargerAsync(); }
        catch (IntrouvableException) { return NotFound(); }
        return Page();
    }

    public async Task<IActionResult> OnGetPieceAsync(Guid pieceId)
    {
        try
        {
            var (p, octets) = await consultation.PieceAsync(Acteur, Id, pieceId);
            return File(octets, p.TypeMime, p.NomFichier);
        }
        catch (IntrouvableException) { return NotFound(); }
    }

    public Task<IActionResult> OnPostRecevabiliteAsync() => Executer(() => instruction.StatuerRecevabiliteAsync(Acteur, Id, Recevabilite!), Recharger, "Recevabilité enregistrée.");
    public Task<IActionResult> OnPostComplementsAsync() => Executer(() => instruction.DemanderComplementsAsync(Acteur, Id, Complements!), Recharger, "Compléments demandés au porteur.");
    public Task<IActionResult> OnPostConsultationAsync() => Executer(() => instruction.TracerConsultationAsync(Acteur, Id, Consultation!), Recharger, "Consultation du conseil départemental tracée.");
    public Task<IActionResult> OnPostCompletudeAsync() => Executer(() => instruction.ConstaterCompletudeAsync(Acteur, Id), Recharger, "Complétude constatée.");
    public Task<IActionResult> OnPostDecisionAsync() => Executer(() => instruction.DeciderAsync(Acteur, Id, Decision!), Recharger, "Décision enregistrée.");
    public Task<IActionResult> OnPostEtapeAsync() => Executer(() => instruction.FranchirEtapeAsync(Acteur, Id, EtapeFranchie!), Recharger, "Étape enregistrée.");
    public Task<IActionResult> OnPostVersementAsync() => Executer(() => instruction.VerserAsync(Acteur, Id, Versement!), Recharger, "Versement enregistré.");

    private IActionResult Recharger() => RedirectToPage(new { Id });

    protected override async Task<IActionResult> Echec()
    {
        await ChargerAsync();
        return Page();
    }

    private async Task ChargerAsync()
    {
        Dossier = await consultation.LireAsync(Acteur, Id);
        var publies = await calendriers.JalonsPublies(Dossier.Candidature.Annee, Dossier.Candidature.RegionInstructrice);
        CalendrierPublie = publies is not null;
        Jalons = publies ?? Dossier.Jalons;
    }
}
