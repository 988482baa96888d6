using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>One need of the SERAFIN-PH grid as rated: present or not, how strongly, and a comment.</summary>
public sealed record BesoinSaisi(string? Code, bool Present, IntensiteBesoin? Intensite = null, string? Commentaire = null);

/// <summary>
/// An evaluation as entered, whatever its grid: <c>aggir</c> for AGGIR (the same grid as <c>POST /api/evaluations/aggir/calcul</c>),
/// <c>besoins</c> for SERAFIN-PH, <c>reponses</c> (item code → answer) for the grids defined as data. A GIR, a rang or a
/// score sent by the client is ignored: the server computes them.
/// </summary>
/// <param name="EssmsId">Where the evaluation is made; may be left out when the person has one ESSMS where you evaluate with this grid.</param>
/// <param name="DateEvaluation">The day the person was evaluated; today when left out.</param>
/// <param name="Valider">Sign and validate at once (otherwise a draft, which its author may still change).</param>
/// <param name="RemplaceId">A validated evaluation of the same grid this one replaces (an error found afterwards).</param>
public sealed record SaisieEvaluation(Guid? EssmsId = null, DateOnly? DateEvaluation = null, string? Commentaire = null, bool Valider = false,
    Guid? RemplaceId = null, DemandeCalculAggir? Aggir = null, IReadOnlyList<BesoinSaisi>? Besoins = null,
    IReadOnlyDictionary<string, JsonElement>? Reponses = null);

/// <summary>What an evaluation keeps as its answers (JSON in <see cref="Evaluation.Reponses"/>).</summary>
public sealed record ContenuEvaluation(JsonElement? SaisieAggir = null, IReadOnlyDictionary<string, ModaliteAggir>? Variables = null,
    IReadOnlyDictionary<string, ModaliteAggir>? Illustratives = null, IReadOnlyList<BesoinSaisi>? Besoins = null, IReadOnlyList<ReponseItem>? Items = null)
{
    public string VersJson() => JsonSerializer.Serialize(this, DefinitionGrille.Json);
    public static ContenuEvaluation DepuisJson(string json) => JsonSerializer.Deserialize<ContenuEvaluation>(json, DefinitionGrille.Json) ?? new();
}

public sealed record GrilleResume(Guid Id, string Code, string Nom, NatureGrille Nature);

/// <summary>An evaluation in a list: what it concluded, when, by whom.</summary>
public sealed record EvaluationResume(Guid Id, GrilleResume Grille, Guid EssmsId, string Essms, DateOnly DateEvaluation, StatutEvaluation Statut,
    string AuteurNom, Role RoleAuteur, DateTimeOffset? ValideeLe, int? Gir, int? Rang, decimal? Score, string? Interpretation,
    Guid? RemplaceEvaluationId, Guid? RemplaceeParId, int NumeroVersion)
{
    /// <summary>The result in plain words: "GIR 3", "14 : risque modéré", "5 besoins identifiés".</summary>
    public string Resultat => Grille.Nature switch
    {
        NatureGrille.Aggir => $"GIR {Gir}",
        NatureGrille.SerafinPh => Score is { } n ? $"{DefinitionGrille.Nombre(n)} besoin{(n > 1 ? "s" : "")} identifié{(n > 1 ? "s" : "")}" : "",
        _ => Score is { } s ? DefinitionGrille.Nombre(s) + (Interpretation is null ? "" : $" : {Interpretation}") : "",
    };
}

public sealed record ReponseLue(string Code, string Question, string Reponse, decimal? Points);
public sealed record BesoinLu(string Code, string Libelle, bool Present, IntensiteBesoin? Intensite, string? Commentaire);
public sealed record VariableLue(string Champ, string Libelle, ModaliteAggir Modalite, bool Illustrative);

/// <summary>One evaluation in full: its answers with their questions as they were in the version used.</summary>
public sealed record EvaluationDetail(EvaluationResume Evaluation, Guid UsagerId, Guid VersionGrilleId, string? Commentaire, GroupeAggir? Groupe,
    IReadOnlyList<VariableLue> Variables, JsonElement? SaisieAggir, IReadOnlyList<BesoinLu> Besoins, IReadOnlyList<ReponseLue> Reponses);

public sealed record HistoriqueGrille(GrilleResume Grille, IReadOnlyList<EvaluationResume> Evaluations);
public sealed record PointGir(Guid EvaluationId, DateOnly Date, int Gir, int Rang);

/// <summary>A person's evaluations per grid, newest first, and their GIR over time (oldest first, replaced ones left out).</summary>
public sealed record HistoriqueEvaluations(Guid UsagerId, string Personne, IReadOnlyList<HistoriqueGrille> Grilles, IReadOnlyList<PointGir> Gir);

/// <summary>What a filling page needs: whom, the grid, the ESSMS where the user may fill it.</summary>
public sealed record PreparationSaisie(Guid UsagerId, string Personne, GrilleVue Grille, IReadOnlyList<(Guid Id, string Nom)> Etablissements);

/// <summary>
/// Evaluating a person: a draft then validated (signed), or validated at once; read within the perimeter, per ESSMS.
/// The GIR and the scores are computed here, from the answers and the grid's version.
/// </summary>
public sealed class GestionEvaluations(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, GestionGrilles grilles, CalculAggir calculAggir,
    IEnumerable<ISuiteValidationEvaluation> suitesValidation)
{
    public const int LongueurCommentaire = 4000;

    // Who signs when several roles are held in one ESSMS: the most specific profession first.
    private static readonly Role[] PrioriteSignature =
        [Role.Medecin, Role.Infirmier, Role.Psychologue, Role.AideSoignant, Role.Educateur, Role.ChefDeService];

    public async Task<Resultat<Guid>> CreerAsync(Guid usagerId, string grille, SaisieEvaluation s, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<Guid>.Introuvable();
        var g = await grilles.TrouverAsync(grille, ct);
        if (g is null || !g.Active) return Resultat<Guid>.Introuvable();
        if (!await perimetre.PeutAgirAsync(usagerId, g.Evaluateurs, ct))
            return Resultat<Guid>.Interdit($"La grille « {g.Nom} » est remplie par : {string.Join(", ", g.Evaluateurs.Select(r => r.Libelle()))}.");
        var e = new Erreurs();
        var (essmsId, role) = await SignatureAsync(usagerId, g, s.EssmsId, e, ct);
        var date = Date(s.DateEvaluation, e);
        var commentaire = Commentaire(s.Commentaire, e);
        var resultat = Calculer(g, s, e);
        if (s.RemplaceId is { } remplace) await VerifierRemplacementAsync(remplace, usagerId, g.Id, null, e, ct);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var evaluation = new Evaluation
        {
            UsagerId = usagerId, EssmsId = essmsId, GrilleId = g.Id, VersionGrilleId = g.VersionId, DateEvaluation = date, Statut = StatutEvaluation.Brouillon,
            AuteurId = db.Auteur.Id!.Value, AuteurNom = db.Auteur.Nom, RoleAuteur = role, CreeeLe = db.Maintenant, ModifieeLe = db.Maintenant,
            Reponses = "", Commentaire = commentaire, RemplaceEvaluationId = s.RemplaceId,
        };
        Appliquer(evaluation, resultat!);
        db.Evaluations.Add(evaluation);
        if (s.Valider) await SignerAsync(evaluation, g, ct);
        if (await EnregistrerAsync(evaluation.RemplaceEvaluationId, ct) is { } conflit) return conflit.Vers<Guid>();
        return Resultat<Guid>.Ok(evaluation.Id);
    }

    /// <summary>Its author changes a draft (the whole entry again), and may validate it at once.</summary>
    public async Task<Resultat<Rien>> ModifierAsync(Guid id, SaisieEvaluation s, CancellationToken ct)
    {
        var (evaluation, g, refus) = await BrouillonAsync(id, ct);
        if (refus is not null) return refus;
        var e = new Erreurs();
        if (s.EssmsId is { } essms && essms != evaluation!.EssmsId) e.Ajouter("essmsId", "Un brouillon reste dans l'établissement où il a été commencé.");
        var date = Date(s.DateEvaluation ?? evaluation!.DateEvaluation, e);
        var commentaire = Commentaire(s.Commentaire, e);
        // A draft is filled again with the grid's version it started with.
        var version = await db.VersionsGrille.AsNoTracking().SingleAsync(v => v.Id == evaluation!.VersionGrilleId, ct);
        var gv = g! with { VersionId = version.Id, NumeroVersion = version.Numero, Definition = DefinitionGrille.DepuisJson(version.Definition) };
        var resultat = Calculer(gv, s, e);
        if (s.RemplaceId is { } remplace) await VerifierRemplacementAsync(remplace, evaluation!.UsagerId, g!.Id, evaluation.Id, e, ct);
        if (e.Any) return Resultat<Rien>.Invalide(e);
        evaluation!.DateEvaluation = date;
        evaluation.Commentaire = commentaire;
        evaluation.RemplaceEvaluationId = s.RemplaceId;
        evaluation.ModifieeLe = db.Maintenant;
        Appliquer(evaluation, resultat!);
        if (s.Valider) await SignerAsync(evaluation, g!, ct);
        return await EnregistrerAsync(evaluation.RemplaceEvaluationId, ct) ?? Resultat.Fait;
    }

    /// <summary>Its author signs a draft: from then on it is never changed.</summary>
    public async Task<Resultat<Rien>> ValiderAsync(Guid id, CancellationToken ct)
    {
        var (evaluation, g, refus) = await BrouillonAsync(id, ct);
        if (refus is not null) return refus;
        await SignerAsync(evaluation!, g!, ct);
        return await EnregistrerAsync(evaluation!.RemplaceEvaluationId, ct) ?? Resultat.Fait;
    }

    /// <summary>Its author drops a draft (nothing was signed). A validated evaluation is never deleted.</summary>
    public async Task<Resultat<Rien>> AbandonnerAsync(Guid id, CancellationToken ct)
    {
        var (evaluation, _, refus) = await BrouillonAsync(id, ct);
        if (refus is not null) return refus;
        db.Evaluations.Remove(evaluation!);
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    public async Task<Resultat<EvaluationDetail>> LireAsync(Guid id, string ressource, CancellationToken ct)
    {
        var evaluation = await db.Evaluations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (evaluation is null || !await PeutVoirAsync(evaluation, ct)) return Resultat<EvaluationDetail>.Introuvable();
        var resume = (await ResumesAsync(db.Evaluations.AsNoTracking().Where(x => x.Id == id), ct)).Single();
        var version = await db.VersionsGrille.AsNoTracking().SingleAsync(v => v.Id == evaluation.VersionGrilleId, ct);
        var definition = DefinitionGrille.DepuisJson(version.Definition);
        var contenu = ContenuEvaluation.DepuisJson(evaluation.Reponses);
        var variables = new List<VariableLue>();
        foreach (var v in Enum.GetValues<VariableAggir>())
            if (contenu.Variables?.TryGetValue(Aggir.Champ(v), out var m) == true) variables.Add(new VariableLue(Aggir.Champ(v), Aggir.Libelle(v), m, false));
        foreach (var v in Enum.GetValues<VariableIllustrative>())
            if (contenu.Illustratives?.TryGetValue(Aggir.Champ(v), out var m) == true) variables.Add(new VariableLue(Aggir.Champ(v), Aggir.Libelle(v), m, true));
        var besoins = (contenu.Besoins ?? []).Select(b => new BesoinLu(b.Code!, NomenclatureSerafin.Trouver(b.Code)?.Libelle ?? b.Code!, b.Present, b.Intensite, b.Commentaire)).ToList();
        var reponses = (contenu.Items ?? []).Select(r => new ReponseLue(r.Code, definition.Items.FirstOrDefault(i => i.Code == r.Code)?.Libelle ?? r.Code, r.Libelle, r.Points)).ToList();
        await journal.TracerLectureAsync(db, evaluation.UsagerId, ressource);
        return Resultat<EvaluationDetail>.Ok(new EvaluationDetail(resume, evaluation.UsagerId, evaluation.VersionGrilleId, evaluation.Commentaire,
            evaluation.GroupeAggir, variables, contenu.SaisieAggir, besoins, reponses));
    }

    /// <summary>The person's evaluations this reader may see, per grid, newest first, and the GIR over time; traced.</summary>
    public async Task<Resultat<HistoriqueEvaluations>> HistoriqueAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<HistoriqueEvaluations>.Introuvable();
        var resumes = await ResumesAsync(await VisiblesAsync(usagerId, ct), ct);
        var parGrille = resumes.GroupBy(r => r.Grille.Id)
            .Select(g => new HistoriqueGrille(g.First().Grille, Ordonner(g).ToList()))
            .OrderBy(h => h.Grille.Nature).ThenBy(h => h.Grille.Nom).ToList();
        var gir = resumes.Where(r => r.Grille.Nature == NatureGrille.Aggir && r.Statut == StatutEvaluation.Validee && r.RemplaceeParId is null && r.Gir is not null)
            .OrderBy(r => r.DateEvaluation).ThenBy(r => r.ValideeLe).Select(r => new PointGir(r.Id, r.DateEvaluation, r.Gir!.Value, r.Rang!.Value)).ToList();
        var personne = await NomAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<HistoriqueEvaluations>.Ok(new HistoriqueEvaluations(usagerId, personne, parGrille, gir));
    }

    /// <summary>The latest validated evaluation of each grid the reader may see (the record page's panel; the page traced the read).</summary>
    public async Task<IReadOnlyList<EvaluationResume>> DernieresAsync(Guid usagerId, CancellationToken ct)
    {
        var resumes = await ResumesAsync((await VisiblesAsync(usagerId, ct)).Where(x => x.Statut == StatutEvaluation.Validee), ct);
        return resumes.Where(r => r.RemplaceeParId is null).GroupBy(r => r.Grille.Id).Select(g => Ordonner(g).First())
            .OrderBy(r => r.Grille.Nature).ThenBy(r => r.Grille.Nom).ToList();
    }

    /// <summary>The grids the user may fill for this person (where they hold one of its evaluators' roles and it applies).</summary>
    public async Task<IReadOnlyList<GrilleVue>> GrillesPossiblesAsync(Guid usagerId, CancellationToken ct)
    {
        var lieux = await LieuxAsync(usagerId, ct);
        return (await grilles.ListerAsync(false, ct))
            .Where(g => lieux.Any(l => l.Roles.Any(g.Evaluateurs.Contains) && Applicable(g, l.EssmsId, l.Champ))).ToList();
    }

    /// <summary>What a filling page shows; traced, since it names the person.</summary>
    public async Task<Resultat<PreparationSaisie>> PreparerAsync(Guid usagerId, string grille, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<PreparationSaisie>.Introuvable();
        var g = await grilles.TrouverAsync(grille, ct);
        if (g is null || !g.Active) return Resultat<PreparationSaisie>.Introuvable();
        var lieux = (await LieuxAsync(usagerId, ct)).Where(l => l.Roles.Any(g.Evaluateurs.Contains) && Applicable(g, l.EssmsId, l.Champ)).ToList();
        if (lieux.Count == 0) return Resultat<PreparationSaisie>.Interdit($"Vous ne remplissez pas la grille « {g.Nom} » pour cette personne.");
        var personne = await NomAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<PreparationSaisie>.Ok(new PreparationSaisie(usagerId, personne, g, lieux.Select(l => (l.EssmsId, l.Nom)).ToList()));
    }

    // ---- rules ----

    private sealed record Calcul(ContenuEvaluation Contenu, decimal? Score, string? Interpretation, ResultatAggir? Aggir);

    private Calcul? Calculer(GrilleVue g, SaisieEvaluation s, Erreurs e)
    {
        switch (g.Nature)
        {
            case NatureGrille.Aggir:
                if (s.Aggir is null) { e.Ajouter("aggir", "La grille AGGIR est obligatoire : les dix variables discriminantes (A, B ou C, ou leurs sous-variables)."); return null; }
                var r = calculAggir.Calculer(s.Aggir);
                if (!r.EstOk) { foreach (var (champ, messages) in r.Erreurs.ParChamp) foreach (var m in messages) e.Ajouter($"aggir.{champ}", m); return null; }
                var v = r.Valeur!;
                return new Calcul(new ContenuEvaluation(SaisieAggir: JsonSerializer.SerializeToElement(s.Aggir, DefinitionGrille.Json), Variables: v.Variables, Illustratives: v.Illustratives),
                    null, null, new ResultatAggir(v.Groupe, v.Rang, v.Gir, v.Score));
            case NatureGrille.SerafinPh:
                var besoins = new List<BesoinSaisi>();
                var vus = new HashSet<string>();
                var liste = s.Besoins ?? [];
                if (liste.Count == 0) e.Ajouter("besoins", "Indiquez au moins un besoin évalué (présent ou non).");
                for (var n = 0; n < liste.Count; n++)
                {
                    var b = liste[n];
                    var nomenclature = NomenclatureSerafin.Trouver(b?.Code);
                    if (b is null || nomenclature is null) { e.Ajouter($"besoins[{n}].code", $"« {b?.Code} » n'est pas un besoin de la nomenclature SERAFIN-PH."); continue; }
                    if (nomenclature.EstRubrique) { e.Ajouter($"besoins[{n}].code", $"« {nomenclature.Libelle} » est une rubrique : évaluez les besoins qui la détaillent."); continue; }
                    if (!vus.Add(nomenclature.Code)) { e.Ajouter($"besoins[{n}].code", $"Le besoin « {nomenclature.Libelle} » est évalué deux fois."); continue; }
                    if (b.Intensite is { } i && !Enum.IsDefined(i)) { e.Ajouter($"besoins[{n}].intensite", "Intensité inconnue (Leger, Modere ou Important)."); continue; }
                    if (!b.Present && b.Intensite is not null) { e.Ajouter($"besoins[{n}].intensite", "Un besoin absent n'a pas d'intensité."); continue; }
                    var commentaire = b.Commentaire?.Trim();
                    if (commentaire is { Length: > 1000 }) { e.Ajouter($"besoins[{n}].commentaire", "Le commentaire d'un besoin dépasse 1000 caractères."); continue; }
                    if (!string.IsNullOrEmpty(commentaire) && !TexteLibre.Verifier(commentaire, $"besoins[{n}].commentaire", "Le commentaire", e)) continue;
                    besoins.Add(new BesoinSaisi(nomenclature.Code, b.Present, b.Intensite, string.IsNullOrEmpty(commentaire) ? null : commentaire));
                }
                return new Calcul(new ContenuEvaluation(Besoins: besoins), besoins.Count(b => b.Present), null, null);
            default:
                var score = g.Definition.Calculer(s.Reponses);
                if (!score.EstOk) { e.Fusionner(score.Erreurs); return null; }
                return new Calcul(new ContenuEvaluation(Items: score.Valeur!.Reponses), score.Valeur.Score, score.Valeur.Interpretation, null);
        }
    }

    private static void Appliquer(Evaluation evaluation, Calcul c)
    {
        evaluation.Reponses = c.Contenu.VersJson();
        evaluation.Score = c.Score;
        evaluation.Interpretation = c.Interpretation;
        evaluation.Gir = c.Aggir?.Gir;
        evaluation.Rang = c.Aggir?.Rang;
        evaluation.GroupeAggir = c.Aggir?.Groupe;
    }

    /// <summary>Validates, then lets the modules that follow a validation add their rows (the DMP's report) to the same transaction.</summary>
    private async Task SignerAsync(Evaluation evaluation, GrilleVue g, CancellationToken ct)
    {
        var resultat = Valider(evaluation, g);
        foreach (var suite in suitesValidation) await suite.ApresValidationAsync(new EvaluationValidee(evaluation, g.Nom, resultat), ct);
    }

    private string Valider(Evaluation evaluation, GrilleVue g)
    {
        evaluation.Statut = StatutEvaluation.Validee;
        evaluation.ValideeLe = db.Maintenant;
        var resultat = g.Nature switch
        {
            NatureGrille.Aggir => $"GIR {evaluation.Gir} (rang {evaluation.Rang})",
            NatureGrille.SerafinPh => $"{evaluation.Score:0} besoin(s) identifié(s)",
            _ => $"score {DefinitionGrille.Nombre(evaluation.Score ?? 0)}{(evaluation.Interpretation is null ? "" : $", {evaluation.Interpretation.ToLowerInvariant()}")}",
        };
        db.Noter(evaluation.UsagerId, "Evaluation",
            $"Évaluation {g.Nom} du {evaluation.DateEvaluation:dd/MM/yyyy} validée : {resultat}{(evaluation.RemplaceEvaluationId is null ? "" : " (remplace une évaluation précédente)")}",
            evaluation.EssmsId);
        return resultat;
    }

    private async Task<Resultat<Rien>?> EnregistrerAsync(Guid? remplace, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Resultat<Rien>.Conflit("", "Ce brouillon vient d'être modifié ou validé par ailleurs : rechargez-le.");
        }
        catch (DbUpdateException) when (remplace is not null)
        {
            return Resultat<Rien>.Conflit("remplaceId", "Cette évaluation a déjà été remplacée : remplacez la plus récente.");
        }
    }

    private async Task<(Evaluation? Evaluation, GrilleVue? Grille, Resultat<Rien>? Refus)> BrouillonAsync(Guid id, CancellationToken ct)
    {
        var evaluation = await db.Evaluations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (evaluation is null || !await PeutVoirAsync(evaluation, ct)) return (null, null, Resultat<Rien>.Introuvable());
        if (evaluation.EstValidee)
            return (null, null, Resultat<Rien>.Conflit("", "Une évaluation validée ne se modifie plus : faites-en une nouvelle qui la remplace."));
        if (evaluation.AuteurId != db.Auteur.Id) return (null, null, Resultat<Rien>.Interdit("Seul l'auteur d'un brouillon le modifie, le valide ou l'abandonne."));
        var g = (await grilles.TrouverAsync(evaluation.GrilleId.ToString(), ct))!;
        if (!await perimetre.PeutAgirAsync(evaluation.UsagerId, g.Evaluateurs, ct))
            return (null, null, Resultat<Rien>.Interdit($"La grille « {g.Nom} » est remplie par : {string.Join(", ", g.Evaluateurs.Select(r => r.Libelle()))}."));
        return (evaluation, g, null);
    }

    private async Task VerifierRemplacementAsync(Guid remplace, Guid usagerId, Guid grilleId, Guid? soi, Erreurs e, CancellationToken ct)
    {
        var r = await db.Evaluations.AsNoTracking().Where(x => x.Id == remplace).Select(x => new { x.UsagerId, x.GrilleId, x.Statut, x.EssmsId }).SingleOrDefaultAsync(ct);
        if (r is null || r.UsagerId != usagerId || r.GrilleId != grilleId)
            e.Ajouter("remplaceId", "L'évaluation remplacée doit être une évaluation de cette personne avec la même grille.");
        else if (r.Statut != StatutEvaluation.Validee) e.Ajouter("remplaceId", "Seule une évaluation validée se remplace ; un brouillon se modifie.");
        else if (await db.Evaluations.AnyAsync(x => x.RemplaceEvaluationId == remplace && x.Id != soi, ct))
            e.Ajouter("remplaceId", "Cette évaluation a déjà été remplacée : remplacez la plus récente.");
    }

    private DateOnly Date(DateOnly? date, Erreurs e)
    {
        var d = date ?? db.Aujourdhui;
        if (d > db.Aujourdhui) e.Ajouter("dateEvaluation", "La date de l'évaluation ne peut pas être dans le futur.");
        else if (d.Year < 1900) e.Ajouter("dateEvaluation", "La date de l'évaluation est invalide.");
        return d;
    }

    private static string? Commentaire(string? texte, Erreurs e)
    {
        var t = texte?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(t)) return null;
        if (t.Length > LongueurCommentaire) { e.Ajouter("commentaire", $"Le commentaire dépasse {LongueurCommentaire} caractères."); return null; }
        if (t.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch))) { e.Ajouter("commentaire", "Le commentaire contient un caractère invisible ou de contrôle non autorisé."); return null; }
        return t;
    }

    private static bool Applicable(GrilleVue g, Guid essmsId, Referentiel.Nomenclatures.ChampActivite champ) =>
        g.Active && (g.EssmsId is null || g.EssmsId == essmsId) && (g.Champs.Count == 0 || g.Champs.Contains(champ));

    private sealed record Lieu(Guid EssmsId, string Nom, Referentiel.Nomenclatures.ChampActivite Champ, HashSet<Role> Roles);

    /// <summary>Each ESSMS where the person has a séjour, with the roles the user holds there (whole ESSMS or the séjour's unit).</summary>
    private async Task<List<Lieu>> LieuxAsync(Guid usagerId, CancellationToken ct)
    {
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UsagerId == usagerId && !s.Annule)
            .Select(s => new { s.EssmsId, s.UniteId, s.Essms!.Nom, s.Essms.ChampActivite }).ToListAsync(ct);
        var habilitations = await perimetre.HabilitationsAsync(ct);
        var lieux = new Dictionary<Guid, Lieu>();
        foreach (var s in sejours)
            foreach (var h in habilitations.Where(h => h.EssmsId == s.EssmsId && (h.UniteId is null || h.UniteId == s.UniteId) && h.Role.OuvreLesDossiers()))
            {
                if (!lieux.TryGetValue(s.EssmsId, out var l)) lieux[s.EssmsId] = l = new Lieu(s.EssmsId, s.Nom, s.ChampActivite, []);
                l.Roles.Add(h.Role);
            }
        return lieux.Values.OrderBy(l => l.Nom).ToList();
    }

    private async Task<(Guid EssmsId, Role Role)> SignatureAsync(Guid usagerId, GrilleVue g, Guid? demande, Erreurs e, CancellationToken ct)
    {
        var possibles = (await LieuxAsync(usagerId, ct)).Where(l => l.Roles.Any(g.Evaluateurs.Contains) && Applicable(g, l.EssmsId, l.Champ)).ToList();
        Lieu lieu;
        if (demande is { } id)
        {
            var l = possibles.FirstOrDefault(x => x.EssmsId == id);
            if (l is null) { e.Ajouter("essmsId", $"Vous ne remplissez pas la grille « {g.Nom} » pour cette personne dans cet établissement."); return default; }
            lieu = l;
        }
        else if (possibles.Count == 1) lieu = possibles[0];
        else if (possibles.Count == 0) { e.Ajouter("essmsId", $"La grille « {g.Nom} » ne s'applique à aucun des établissements où vous accompagnez cette personne."); return default; }
        else { e.Ajouter("essmsId", "La personne est suivie dans plusieurs de vos établissements : précisez celui de l'évaluation."); return default; }
        return (lieu.EssmsId, PrioriteSignature.First(r => lieu.Roles.Contains(r) && g.Evaluateurs.Contains(r)));
    }

    /// <summary>ESSMS whose evaluations the user reads: those where they hold a role that opens records.</summary>
    private async Task<Guid[]> EssmsLisiblesAsync(CancellationToken ct) =>
        (await perimetre.HabilitationsAsync(ct)).Where(h => h.EssmsId is not null && h.Role.OuvreLesDossiers()).Select(h => h.EssmsId!.Value).Distinct().ToArray();

    /// <summary>The person's evaluations made in an ESSMS the user reads; drafts are their author's only.</summary>
    private async Task<IQueryable<Evaluation>> VisiblesAsync(Guid usagerId, CancellationToken ct)
    {
        var essms = await EssmsLisiblesAsync(ct);
        var moi = db.Auteur.Id ?? Guid.Empty;
        return db.Evaluations.AsNoTracking().Where(x => x.UsagerId == usagerId && essms.Contains(x.EssmsId)
            && (x.Statut == StatutEvaluation.Validee || x.AuteurId == moi));
    }

    private async Task<bool> PeutVoirAsync(Evaluation evaluation, CancellationToken ct) =>
        await perimetre.PeutLireAsync(evaluation.UsagerId, ct) && await (await VisiblesAsync(evaluation.UsagerId, ct)).AnyAsync(x => x.Id == evaluation.Id, ct);

    private static IEnumerable<EvaluationResume> Ordonner(IEnumerable<EvaluationResume> l) =>
        l.OrderByDescending(r => r.DateEvaluation).ThenByDescending(r => r.ValideeLe ?? DateTimeOffset.MaxValue).ThenByDescending(r => r.Id);

    private async Task<List<EvaluationResume>> ResumesAsync(IQueryable<Evaluation> q, CancellationToken ct)
    {
        var lignes = await q.Select(x => new
        {
            E = x,
            Grille = db.Set<GrilleEvaluation>().Where(g => g.Id == x.GrilleId).Select(g => new GrilleResume(g.Id, g.Code, g.Nom, g.Nature)).First(),
            Essms = db.Set<Essms>().Where(s => s.Id == x.EssmsId).Select(s => s.Nom).First(),
            Numero = db.Set<VersionGrille>().Where(v => v.Id == x.VersionGrilleId).Select(v => v.Numero).First(),
        }).ToListAsync(ct);
        var ids = lignes.Select(l => l.E.Id).ToList();
        var remplacements = await db.Evaluations.AsNoTracking().Where(x => x.RemplaceEvaluationId != null && ids.Contains(x.RemplaceEvaluationId.Value) && x.Statut == StatutEvaluation.Validee)
            .Select(x => new { x.Id, R = x.RemplaceEvaluationId!.Value }).ToListAsync(ct);
        var par = remplacements.ToDictionary(r => r.R, r => r.Id);
        return lignes.Select(l => new EvaluationResume(l.E.Id, l.Grille, l.E.EssmsId, l.Essms, l.E.DateEvaluation, l.E.Statut, l.E.AuteurNom, l.E.RoleAuteur,
            l.E.ValideeLe, l.E.Gir, l.E.Rang, l.E.Score, l.E.Interpretation, l.E.RemplaceEvaluationId, par.TryGetValue(l.E.Id, out var p) ? p : null, l.Numero)).ToList();
    }

    private Task<string> NomAsync(Guid usagerId, CancellationToken ct) => db.Usagers.AsNoTracking().Where(u => u.Id == usagerId)
        .Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);
}
