using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Projets;

/// <summary>What "Reprendre les besoins issus des évaluations" did to a draft.</summary>
/// <param name="Trouves">The needs the latest validated evaluations found (before removing those already in the draft).</param>
/// <param name="Ajoutes">The needs added to the draft now, each with its evaluation.</param>
/// <param name="Besoins">All the draft's needs afterwards.</param>
public sealed record BesoinsRepris(Guid VersionId, int Trouves, IReadOnlyList<Besoin> Ajoutes, IReadOnlyList<Besoin> Besoins);

/// <summary>
/// How evaluated needs become a draft's needs (pure). In a disability service a need is a SERAFIN-PH code (an AGGIR
/// variable gives the need it belongs to, its plain words as the precision); elsewhere it is plain words, as the form
/// writes them. A need already in the draft (same code, or same words) is not added again.
/// </summary>
public static class RepriseBesoins
{
    public const int LongueurPrecision = 500;

    /// <summary>What makes two needs the same: their code, else their words.</summary>
    public static string Cle(string? code, string? libelle) =>
        !string.IsNullOrWhiteSpace(code) ? code.Trim() : (libelle ?? "").Trim().ToLowerInvariant();

    public static string Cle(this Besoin b) => Cle(b.Code, b.Libelle);

    public static (List<Besoin> Besoins, List<Besoin> Ajoutes) Fusionner(IReadOnlyList<Besoin> existants, IReadOnlyList<BesoinEvalue> evalues, bool serafinPh)
    {
        var candidats = new List<Besoin>();
        foreach (var e in evalues)
        {
            var origine = new OrigineBesoin(e.EvaluationId, e.Source == SourceBesoin.Aggir ? "AGGIR" : "SERAFIN-PH", e.DateEvaluation, e.Niveau);
            Besoin? b;
            if (serafinPh)
            {
                // The code must be a need the draft accepts (as GestionProjets checks it): level 2 and below of the needs branch.
                var c = SerafinPh.Trouver(e.CodeSerafin);
                b = c is null || c.Branche != BrancheSerafin.Besoins || c.Niveau == 1 ? null
                    : new Besoin(c.Code, c.Libelle, Ligne(e.Source == SourceBesoin.Aggir ? e.Libelle : e.Commentaire), origine);
            }
            else b = new Besoin(null, Ligne(e.Libelle) ?? e.LibelleSerafin, Ligne(e.Commentaire), origine);
            if (b is null) continue;
            // Several AGGIR variables may point to the same SERAFIN-PH need (toilette, habillage…): one need, their words together.
            var i = candidats.FindIndex(x => x.Cle() == b.Cle());
            if (i < 0) candidats.Add(b);
            else if (candidats[i].Origine!.EvaluationId == origine.EvaluationId)
            {
                var x = candidats[i];
                candidats[i] = x with
                {
                    Precision = Ligne(string.Join(" ; ", new[] { x.Precision, b.Precision }.OfType<string>().Distinct())),
                    Origine = x.Origine! with { Niveau = string.Join(" ; ", new[] { x.Origine.Niveau, origine.Niveau }.OfType<string>().Distinct()) is { Length: > 0 } n ? n : null },
                };
            }
        }
        var cles = existants.Select(b => b.Cle()).ToHashSet();
        var ajoutes = candidats.Where(b => !cles.Contains(b.Cle())).ToList();
        return ([.. existants, .. ajoutes], ajoutes);
    }

    /// <summary>One line of visible text within the precision's length (what the draft's form accepts), or null.</summary>
    private static string? Ligne(string? texte)
    {
        if (texte is null) return null;
        var t = string.Concat(texte.Select(c => c is '\n' or '\r' or '\t' ? ' ' : c).Where(c => !TexteLibre.EstInterdit(c))).Trim();
        if (t.Length > LongueurPrecision) t = t[..(LongueurPrecision - 1)].TrimEnd() + "…";
        return t.Length == 0 ? null : t;
    }
}

public sealed partial class GestionProjets
{
    /// <summary>
    /// "Reprendre les besoins issus des évaluations": adds to a draft the needs found by the latest validated SERAFIN-PH and
    /// AGGIR evaluations made in the séjour's ESSMS (what its team may read), each with its evaluation, without repeating a
    /// need already there. A validated version answers 409. Reads evaluations: traced when <paramref name="ressource"/> is
    /// given (a page that shows the draft afterwards traces its own read).
    /// </summary>
    public async Task<Resultat<BesoinsRepris>> ReprendreBesoinsEvaluesAsync(Guid versionId, string? ressource, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<BesoinsRepris>.Introuvable();
        if (!a.PeutEcrire) return Resultat<BesoinsRepris>.Interdit("Votre rôle ne permet pas d'écrire le projet personnalisé.");
        if (v.Statut != StatutVersion.Brouillon) return Resultat<BesoinsRepris>.Conflit("", MessageValidee);
        var lus = await besoinsEvalues.LireAsync(v.UsagerId, a.Sejour.EssmsId, ressource, ct);
        if (!lus.EstOk) return Resultat<BesoinsRepris>.Introuvable();
        var contenu = Lire(v.Contenu);
        var (besoins, ajoutes) = RepriseBesoins.Fusionner(contenu.Besoins, lus.Valeur!.Besoins, a.Sejour.Essms!.ChampActivite == ChampActivite.PH);
        var resultat = new BesoinsRepris(v.Id, lus.Valeur.Besoins.Count, ajoutes, besoins);
        if (ajoutes.Count == 0) return Resultat<BesoinsRepris>.Ok(resultat);
        v.Contenu = Ecrire(contenu with { Besoins = besoins });
        v.ModifieLe = db.Maintenant;
        return await EnregistrerAsync(Resultat<BesoinsRepris>.Ok(resultat), ct);
    }

    /// <summary>A need saved again from the form keeps the evaluation it came from while it stays the same need (same code or words).</summary>
    private static ContenuVersion GarderOrigines(ContenuVersion nouveau, ContenuVersion ancien)
    {
        var origines = ancien.Besoins.Where(b => b.Origine is not null).GroupBy(b => b.Cle()).ToDictionary(g => g.Key, g => g.First().Origine);
        return nouveau with { Besoins = nouveau.Besoins.Select(b => origines.TryGetValue(b.Cle(), out var o) ? b with { Origine = o } : b).ToList() };
    }
}
