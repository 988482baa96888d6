using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Projets;

public sealed class FormulaireAction
{
    public string? Libelle { get; set; }
    public string? Moyens { get; set; }
    public Guid? PorteurId { get; set; }
    public string? Porteur { get; set; }
    public DateOnly? Echeance { get; set; }
    public bool Retirer { get; set; }
}

public sealed class FormulaireObjectif
{
    public Guid? Suivi { get; set; }
    public string? Libelle { get; set; }
    public DateOnly? Horizon { get; set; }
    public string? Critere { get; set; }
    public ResultatObjectif? Bilan { get; set; }
    public string? BilanCommentaire { get; set; }
    public bool Retirer { get; set; }
    public List<FormulaireAction> Actions { get; set; } = [];
}

public sealed class FormulaireLigne
{
    public string? Code { get; set; }
    public string? Libelle { get; set; }
    public string? Precision { get; set; }
    public bool Retirer { get; set; }
}

public sealed class FormulaireParticipant
{
    public QualiteParticipant Qualite { get; set; } = QualiteParticipant.Famille;
    public string? Nom { get; set; }
    public string? Fonction { get; set; }
    public Guid? ProfessionnelId { get; set; }
    public bool Retirer { get; set; }
}

/// <summary>The draft as a form: lists grow with "ajouter" buttons and shrink with "retirer" boxes, without script (a tablet with a weak Wi-Fi).</summary>
public sealed class FormulaireVersion
{
    public TypeProjet Type { get; set; } = TypeProjet.PPA;
    public string? Attentes { get; set; }
    public List<FormulaireLigne> Besoins { get; set; } = [];
    public List<FormulaireLigne> Prestations { get; set; } = [];
    public List<FormulaireObjectif> Objectifs { get; set; } = [];
    public List<FormulaireParticipant> Participants { get; set; } = [];
    public DateOnly? ReunionDate { get; set; }
    /// <summary>One name per line.</summary>
    public string? ReunionPresents { get; set; }
    public bool PersonnePresente { get; set; }
    public string? ParoleDeLaPersonne { get; set; }

    public static FormulaireVersion Depuis(VersionVue v) => new()
    {
        Type = v.Type, Attentes = v.Attentes,
        Besoins = v.Besoins.Select(b => new FormulaireLigne { Code = b.Code, Libelle = b.Libelle, Precision = b.Precision }).ToList(),
        Prestations = v.Prestations.Select(b => new FormulaireLigne { Code = b.Code, Libelle = b.Libelle, Precision = b.Precision }).ToList(),
        Objectifs = v.Objectifs.Select(o => new FormulaireObjectif
        {
            Suivi = o.Suivi, Libelle = o.Libelle, Horizon = o.Horizon, Critere = o.Critere, Bilan = o.Bilan, BilanCommentaire = o.BilanCommentaire,
            Actions = o.Actions.Select(a => new FormulaireAction { Libelle = a.Libelle, Moyens = a.Moyens, PorteurId = a.PorteurId, Porteur = a.PorteurId is null ? a.Porteur : null, Echeance = a.Echeance }).ToList(),
        }).ToList(),
        Participants = v.Participants.Select(p => new FormulaireParticipant { Qualite = p.Qualite, Nom = p.Nom, Fonction = p.Fonction, ProfessionnelId = p.ProfessionnelId }).ToList(),
        ReunionDate = v.Reunion?.Date, ReunionPresents = v.Reunion is { } r ? string.Join("\n", r.Presents) : null,
        PersonnePresente = v.Reunion?.PersonnePresente ?? true, ParoleDeLaPersonne = v.Reunion?.ParoleDeLaPersonne,
    };

    /// <summary>Drops the rows marked "retirer" and the empty ones the form offered.</summary>
    public void Nettoyer()
    {
        Besoins.RemoveAll(b => b.Retirer || (string.IsNullOrWhiteSpace(b.Code) && string.IsNullOrWhiteSpace(b.Libelle)));
        Prestations.RemoveAll(b => b.Retirer || (string.IsNullOrWhiteSpace(b.Code) && string.IsNullOrWhiteSpace(b.Libelle)));
        Participants.RemoveAll(p => p.Retirer || (p.ProfessionnelId is null && string.IsNullOrWhiteSpace(p.Nom)));
        Objectifs.RemoveAll(o => o.Retirer);
        foreach (var o in Objectifs) o.Actions.RemoveAll(a => a.Retirer);
    }

    public SaisieVersion VersSaisie() => new(Type, Attentes,
        Besoins.Select(b => new SaisieBesoin(b.Code, b.Libelle, b.Precision)).ToList(),
        Prestations.Select(b => new SaisiePrestation(b.Code, b.Libelle, b.Precision)).ToList(),
        Objectifs.Select(o => new SaisieObjectif(o.Suivi, o.Libelle, o.Horizon, o.Critere, o.Bilan, o.BilanCommentaire,
            o.Actions.Select(a => new SaisieAction(a.Libelle, a.Moyens, a.PorteurId, a.Porteur, a.Echeance)).ToList())).ToList(),
        Participants.Select(p => new SaisieParticipant(p.Qualite, p.Nom, p.Fonction, p.ProfessionnelId)).ToList(),
        ReunionDate is null && string.IsNullOrWhiteSpace(ParoleDeLaPersonne) && string.IsNullOrWhiteSpace(ReunionPresents) ? null
            : new SaisieReunion(ReunionDate, (ReunionPresents ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), PersonnePresente, ParoleDeLaPersonne));
}

/// <summary>Writing a draft. "Ajouter" buttons add a row without saving; "Enregistrer" saves the whole draft.</summary>
public sealed class BrouillonModel(GestionProjets projets) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public FormulaireVersion Saisie { get; set; } = new();
    public EditionVersion Edition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await ChargerAsync($"page /Projets/Brouillon/{Id}", ct);
        if (r is not null) return r;
        Saisie = FormulaireVersion.Depuis(Edition.Version);
        // An empty row of each list to start with (empty rows are dropped on saving).
        if (Saisie.Objectifs.Count == 0) Saisie.Objectifs.Add(new FormulaireObjectif { Actions = [new FormulaireAction()] });
        if (Saisie.Besoins.Count == 0) Saisie.Besoins.Add(new FormulaireLigne());
        if (Saisie.Prestations.Count == 0) Saisie.Prestations.Add(new FormulaireLigne());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Saisie.Nettoyer();
        var r = await projets.EnregistrerBrouillonAsync(Id, Saisie.VersSaisie(), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            TempData["Message"] = "Projet enregistré. Il reste en préparation jusqu'à sa validation avec la personne.";
            return Redirect($"/Projets/Brouillon/{Id}");
        }
        ModelState.Reporter(r.Erreurs, "Saisie");
        return await ReafficherAsync(ct);
    }

    /// <summary>What the evaluations brought (or why nothing), shown above the form after "Reprendre les besoins".</summary>
    public string? MessageBesoins { get; private set; }

    /// <summary>
    /// "Reprendre les besoins issus des évaluations": the use case adds them to the saved draft (with their evaluation); the form
    /// keeps what was typed and not saved yet, and gets the added needs it does not hold.
    /// </summary>
    public async Task<IActionResult> OnPostReprendreBesoinsAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // The page traces its read when it shows the draft again (ReafficherAsync): one trace for the request.
        var r = await projets.ReprendreBesoinsEvaluesAsync(Id, null, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (r.EstOk)
        {
            var repris = r.Valeur!;
            RetirerLesLignesCochees();
            // The blank row offered to start with would sit before the needs taken from the evaluations.
            Saisie.Besoins.RemoveAll(b => string.IsNullOrWhiteSpace(b.Code) && string.IsNullOrWhiteSpace(b.Libelle));
            var cles = Saisie.Besoins.Select(b => RepriseBesoins.Cle(b.Code, b.Libelle)).ToHashSet();
            Saisie.Besoins.AddRange(repris.Ajoutes.Where(b => !cles.Contains(b.Cle()))
                .Select(b => new FormulaireLigne { Code = b.Code, Libelle = b.Libelle, Precision = b.Precision }));
            if (Saisie.Besoins.Count == 0) Saisie.Besoins.Add(new FormulaireLigne());
            MessageBesoins = repris switch
            {
                { Trouves: 0 } => "Aucune évaluation validée dans cet établissement ne signale de besoin pour le moment.",
                { Ajoutes.Count: 0 } => "Les besoins des dernières évaluations figurent déjà dans le projet.",
                { Ajoutes.Count: 1 } => "1 besoin repris des évaluations et ajouté au projet en préparation. Enregistrez pour garder vos autres modifications.",
                _ => $"{repris.Ajoutes.Count} besoins repris des évaluations et ajoutés au projet en préparation. Enregistrez pour garder vos autres modifications.",
            };
        }
        else ModelState.Reporter(r.Erreurs, "Saisie");
        return await ReafficherAsync(ct);
    }

    /// <summary>The evaluation a row's need comes from, as the saved draft knows it (the same need keeps it when saved again).</summary>
    public OrigineBesoin? Origine(FormulaireLigne ligne) =>
        Edition.Version.Besoins.FirstOrDefault(b => b.Origine is not null && b.Cle() == RepriseBesoins.Cle(ligne.Code, ligne.Libelle))?.Origine;

    public Task<IActionResult> OnPostAjouterObjectifAsync(CancellationToken ct) => Modifier(s => s.Objectifs.Add(new FormulaireObjectif { Actions = [new FormulaireAction()] }), ct);
    public Task<IActionResult> OnPostAjouterActionAsync(int objectif, CancellationToken ct) =>
        Modifier(s => { if (objectif >= 0 && objectif < s.Objectifs.Count) s.Objectifs[objectif].Actions.Add(new FormulaireAction()); }, ct);
    public Task<IActionResult> OnPostAjouterBesoinAsync(CancellationToken ct) => Modifier(s => s.Besoins.Add(new FormulaireLigne()), ct);
    public Task<IActionResult> OnPostAjouterPrestationAsync(CancellationToken ct) => Modifier(s => s.Prestations.Add(new FormulaireLigne()), ct);
    public Task<IActionResult> OnPostAjouterParticipantAsync(CancellationToken ct) => Modifier(s => s.Participants.Add(new FormulaireParticipant()), ct);

    private async Task<IActionResult> Modifier(Action<FormulaireVersion> modification, CancellationToken ct)
    {
        ModelState.Clear();
        RetirerLesLignesCochees();
        modification(Saisie);
        return await ReafficherAsync(ct);
    }

    /// <summary>Empty rows the user just added are kept; only the ones marked "retirer" go.</summary>
    private void RetirerLesLignesCochees()
    {
        Saisie.Besoins.RemoveAll(b => b.Retirer);
        Saisie.Prestations.RemoveAll(b => b.Retirer);
        Saisie.Participants.RemoveAll(p => p.Retirer);
        Saisie.Objectifs.RemoveAll(o => o.Retirer);
        foreach (var o in Saisie.Objectifs) o.Actions.RemoveAll(a => a.Retirer);
    }

    private async Task<IActionResult> ReafficherAsync(CancellationToken ct) =>
        await ChargerAsync($"page POST /Projets/Brouillon/{Id}", ct) ?? Page();

    private async Task<IActionResult?> ChargerAsync(string ressource, CancellationToken ct)
    {
        var r = await projets.PreparerEditionAsync(Id, ressource, ct);
        if (r.Statut == StatutResultat.Interdit) return Forbid();
        if (!r.EstOk) return NotFound();
        Edition = r.Valeur!;
        // A validated version is read, never edited.
        if (Edition.Version.Statut != StatutVersion.Brouillon) return Redirect($"/Projets/Version/{Id}");
        return null;
    }
}
