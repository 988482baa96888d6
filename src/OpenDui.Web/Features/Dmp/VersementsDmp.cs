using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Interop.Cda;

namespace OpenDui.Web.Features.Dmp;

/// <summary>
/// A validated projet personnalisé goes to the person's DMP (level-1 CDA 80788-3 around its PDF/A), written with the
/// validation; a later version replaces the previous one. The bilans of objectives recorded in that version go as their
/// own document (BIL_AUTO, the CI-SIS code of a bilan in the sector), one per validated version that records some.
/// </summary>
internal sealed class VersementProjets(OpenDuiDbContext db, PreparationDmp preparation) : ISuiteValidationProjet
{
    public async Task ApresValidationAsync(ProjetValide p, CancellationToken ct)
    {
        await preparation.PreparerPdfAsync(new DocumentAPreparer(p.UsagerId, p.EssmsId, p.SejourId, p.VersionId, p.ProjetId, TypeDocumentCda.ProjetPersonnalise,
            p.Titre, p.DateEffet, null, p.ValideParId, p.ValideParNom, p.InvisiblePourLaPersonne, p.Numero), p.PdfAsync, ct);

        var bilans = await db.ObjectifsProjet.AsNoTracking().Where(o => o.VersionId == p.VersionId && o.Bilan != null).OrderBy(o => o.Ordre).ToListAsync(ct);
        if (bilans.Count == 0) return;
        var source = PreparationDmp.IdDerive("bilans:" + p.VersionId);
        var titre = $"Bilan des objectifs du projet personnalisé (version {p.Numero})";
        var lignes = bilans.Select(o => $"{o.Libelle} : {o.Bilan!.Value.Libelle().ToLowerInvariant()}" + (o.BilanCommentaire is null ? "" : $" — {o.BilanCommentaire}")).ToList();
        await preparation.PreparerPdfAsync(new DocumentAPreparer(p.UsagerId, p.EssmsId, p.SejourId, source, source, TypeDocumentCda.BilanAutonomie,
                titre, p.DateEffet, null, p.ValideParId, p.ValideParNom, p.InvisiblePourLaPersonne),
            _ => Task.FromResult(PdfCda.Generer(titre, $"Fait le {p.DateEffet:dd/MM/yyyy}, validé par {p.ValideParNom}",
                [new SectionPdf("Le point sur les objectifs", lignes)])), ct);
    }
}

/// <summary>A validated evaluation goes to the DMP as its report (34842-5 grille d'évaluation, PDF/A in a level-1 CDA); an
/// evaluation that replaces another replaces its document.</summary>
internal sealed class VersementEvaluations(OpenDuiDbContext db, PreparationDmp preparation) : ISuiteValidationEvaluation
{
    public async Task ApresValidationAsync(EvaluationValidee v, CancellationToken ct)
    {
        var e = v.Evaluation;
        var serie = e.RemplaceEvaluationId is { } r
            ? await db.DocumentsDmp.AsNoTracking().Where(d => d.SourceId == r).Select(d => (Guid?)d.SetId).FirstOrDefaultAsync(ct) ?? r
            : e.Id;
        var titre = $"Évaluation {v.Grille} du {e.DateEvaluation:dd/MM/yyyy}";
        var sections = new List<SectionPdf> { new("Résultat", [v.Resultat]) };
        var reponses = await ReponsesAsync(e, ct);
        if (reponses.Count > 0) sections.Add(new SectionPdf("Réponses", reponses));
        if (e.Commentaire is { Length: > 0 } c) sections.Add(new SectionPdf("Commentaire", [c]));
        await preparation.PreparerPdfAsync(new DocumentAPreparer(e.UsagerId, e.EssmsId, null, e.Id, serie, TypeDocumentCda.GrilleEvaluation,
                titre, e.DateEvaluation, null, e.AuteurId, e.AuteurNom),
            _ => Task.FromResult(PdfCda.Generer(titre, $"Évaluée par {e.AuteurNom}", sections)), ct);
    }

    /// <summary>The answers in words, as the evaluation's page shows them (variables, needs present, items with their question).</summary>
    private async Task<List<string>> ReponsesAsync(Evaluation e, CancellationToken ct)
    {
        var contenu = ContenuEvaluation.DepuisJson(e.Reponses);
        var lignes = new List<string>();
        foreach (var variable in Enum.GetValues<VariableAggir>())
            if (contenu.Variables?.TryGetValue(Aggir.Champ(variable), out var m) == true) lignes.Add($"{Aggir.Libelle(variable)} : {m}");
        foreach (var b in (contenu.Besoins ?? []).Where(b => b.Present))
            lignes.Add((NomenclatureSerafin.Trouver(b.Code)?.Libelle ?? b.Code ?? "") + (b.Intensite is { } i ? $" ({i.Libelle().ToLowerInvariant()})" : ""));
        if (contenu.Items is { Count: > 0 } items)
        {
            var definition = DefinitionGrille.DepuisJson(await db.VersionsGrille.AsNoTracking().Where(x => x.Id == e.VersionGrilleId).Select(x => x.Definition).SingleAsync(ct));
            lignes.AddRange(items.Select(r => $"{definition.Items.FirstOrDefault(i => i.Code == r.Code)?.Libelle ?? r.Code} : {r.Libelle}"));
        }
        return lignes;
    }
}

/// <summary>A contrat de séjour or DIPC the person (or their representative) signed goes to the DMP (PDF/A in a level-1
/// CDA, 28653-4 document du secteur social), when the person's choices allow feeding their DMP.</summary>
internal sealed class VersementContrats(PreparationDmp preparation) : ISuiteSignatureContrat
{
    public async Task ApresSignatureAsync(ContratSigne c, CancellationToken ct)
    {
        var titre = $"{c.Titre} signé le {c.SigneLe:dd/MM/yyyy}";
        var signature = c.SigneParLaPersonne ? "Signé par la personne" : $"Signé par {c.RepresentantLegal}, représentant légal";
        await preparation.PreparerPdfAsync(new DocumentAPreparer(c.UsagerId, c.EssmsId, c.SejourId, c.ContratId, c.ContratId, TypeDocumentCda.DocumentSecteurSocial,
                titre, c.SigneLe, null, c.AuteurId, c.AuteurNom),
            _ => Task.FromResult(PdfCda.Generer(c.Titre, $"{signature} le {c.SigneLe:dd/MM/yyyy}",
                [new SectionPdf("Le document", c.Texte.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList())])), ct);
    }
}
