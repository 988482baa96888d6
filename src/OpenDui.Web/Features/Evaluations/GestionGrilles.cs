using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations;

/// <summary>An administrator's grid: its name, where it applies, who fills it, how often, and its definition.</summary>
/// <param name="Code">Optional readable key (lower case, digits, dashes); made from the name when left out.</param>
/// <param name="Champs">Fields of activity where it applies (PA, PH, DOM...); empty: everywhere.</param>
/// <param name="EssmsId">The one ESSMS it is for; null: every ESSMS.</param>
/// <param name="PeriodiciteJours">Days after which it is due again; null: when needed only.</param>
public sealed record DemandeGrille(string? Code, string? Nom, string? Description, IReadOnlyList<ChampActivite>? Champs, Guid? EssmsId,
    int? PeriodiciteJours, IReadOnlyList<Role>? Evaluateurs, DefinitionGrille? Definition);

/// <summary>What an administrator sets on any grid, the built-in ones included.</summary>
public sealed record ParametresGrille(int? PeriodiciteJours, bool Active, IReadOnlyList<Role>? Evaluateurs);

public sealed record GrilleVue(Guid Id, string Code, string Nom, string? Description, NatureGrille Nature, bool Integree,
    IReadOnlyList<ChampActivite> Champs, Guid? EssmsId, int? PeriodiciteJours, IReadOnlyList<Role> Evaluateurs, bool Active,
    Guid VersionId, int NumeroVersion, DefinitionGrille Definition, decimal ScoreMinimum, decimal ScoreMaximum);

public sealed record VersionGrilleVue(Guid Id, int Numero, DateTimeOffset CreeeLe, string? CreeeParNom, int Evaluations);

public sealed record GrilleDetail(GrilleVue Grille, IReadOnlyList<VersionGrilleVue> Versions);

/// <param name="NouvelleVersion">The previous version had been used: this one is new, the evaluations made keep theirs.</param>
public sealed record GrilleEnregistree(Guid Id, Guid VersionId, int NumeroVersion, bool NouvelleVersion);

/// <summary>
/// The grids as data: listed for those who evaluate, defined by the administrator. A definition already used by an
/// evaluation is never changed: the change makes a new version and past evaluations keep pointing to theirs.
/// </summary>
public sealed class GestionGrilles(OpenDuiDbContext db)
{
    /// <summary>Roles that may be named as a grid's evaluators.</summary>
    public static readonly Role[] RolesEvaluateurs =
        [Role.Infirmier, Role.Medecin, Role.AideSoignant, Role.Psychologue, Role.Educateur, Role.ChefDeService];

    public async Task<IReadOnlyList<GrilleVue>> ListerAsync(bool inactivesComprises, CancellationToken ct)
    {
        var grilles = await db.GrillesEvaluation.AsNoTracking().Where(g => inactivesComprises || g.Active).ToListAsync(ct);
        var ids = grilles.Select(g => g.Id).ToList();
        var versions = await db.VersionsGrille.AsNoTracking().Where(v => ids.Contains(v.GrilleId)).ToListAsync(ct);
        var courantes = versions.GroupBy(v => v.GrilleId).ToDictionary(g => g.Key, g => g.MaxBy(v => v.Numero)!);
        return grilles.Select(g => Vue(g, courantes[g.Id]))
            .OrderBy(g => g.Nature).ThenByDescending(g => g.Integree).ThenBy(g => g.Nom, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), true)).ToList();
    }

    public async Task<Resultat<GrilleDetail>> LireAsync(Guid id, CancellationToken ct)
    {
        var g = await db.GrillesEvaluation.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (g is null) return Resultat<GrilleDetail>.Introuvable();
        var versions = await db.VersionsGrille.AsNoTracking().Where(v => v.GrilleId == id).ToListAsync(ct);
        var usages = await db.Evaluations.AsNoTracking().Where(e => e.GrilleId == id).GroupBy(e => e.VersionGrilleId)
            .Select(x => new { x.Key, N = x.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return Resultat<GrilleDetail>.Ok(new GrilleDetail(Vue(g, versions.MaxBy(v => v.Numero)!),
            versions.OrderByDescending(v => v.Numero).Select(v => new VersionGrilleVue(v.Id, v.Numero, v.CreeeLe, v.CreeeParNom, usages.GetValueOrDefault(v.Id))).ToList()));
    }

    /// <summary>The grid with its current version, by id or code (for the pages and the evaluations).</summary>
    public async Task<GrilleVue?> TrouverAsync(string idOuCode, CancellationToken ct)
    {
        var g = Guid.TryParse(idOuCode, out var id)
            ? await db.GrillesEvaluation.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            : await db.GrillesEvaluation.AsNoTracking().SingleOrDefaultAsync(x => x.Code == idOuCode.Trim().ToLower(), ct);
        if (g is null) return null;
        var v = await db.VersionsGrille.AsNoTracking().Where(x => x.GrilleId == g.Id).OrderByDescending(x => x.Numero).FirstAsync(ct);
        return Vue(g, v);
    }

    public async Task<Resultat<GrilleEnregistree>> CreerAsync(DemandeGrille d, CancellationToken ct)
    {
        var e = await VerifierAsync(d, ct);
        if (e.Any) return Resultat<GrilleEnregistree>.Invalide(e);
        var code = d.Code?.Trim().ToLowerInvariant() is { Length: > 0 } c ? c : Code(d.Nom!);
        if (d.Code is not { Length: > 0 })
            for (var n = 2; await db.GrillesEvaluation.AnyAsync(g => g.Code == code, ct); n++) code = $"{Code(d.Nom!)}-{n}";
        else if (await db.GrillesEvaluation.AnyAsync(g => g.Code == code, ct))
            return Resultat<GrilleEnregistree>.Conflit("code", $"Le code « {code} » est déjà celui d'une autre grille.");
        var grille = new GrilleEvaluation
        {
            Code = code, Nom = d.Nom!.Trim(), Description = Nettoyer(d.Description), Nature = NatureGrille.Personnalisee, Champs = Champs(d.Champs),
            EssmsId = d.EssmsId, PeriodiciteJours = d.PeriodiciteJours, Evaluateurs = Evaluateurs(d.Evaluateurs),
        };
        var version = new VersionGrille { GrilleId = grille.Id, Numero = 1, Definition = d.Definition!.VersJson(), CreeeLe = db.Maintenant, CreeeParNom = db.Auteur.Nom };
        db.GrillesEvaluation.Add(grille);
        db.VersionsGrille.Add(version);
        await db.SaveChangesAsync(ct);
        return Resultat<GrilleEnregistree>.Ok(new GrilleEnregistree(grille.Id, version.Id, 1, false));
    }

    /// <summary>Changes an administrator's grid. Its definition, when it differs and was used, becomes a new version.</summary>
    public async Task<Resultat<GrilleEnregistree>> ModifierAsync(Guid id, DemandeGrille d, CancellationToken ct)
    {
        var grille = await db.GrillesEvaluation.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (grille is null) return Resultat<GrilleEnregistree>.Introuvable();
        if (grille.Integree)
            return Resultat<GrilleEnregistree>.Conflit("", "Une grille de référence ne se modifie pas : réglez sa périodicité et ses évaluateurs, ou créez votre propre grille.");
        var e = await VerifierAsync(d, ct);
        if (d.Code is { Length: > 0 } code && code.Trim().ToLowerInvariant() != grille.Code)
            e.Ajouter("code", "Le code d'une grille ne change pas : il la désigne dans les évaluations déjà faites.");
        if (e.Any) return Resultat<GrilleEnregistree>.Invalide(e);
        grille.Nom = d.Nom!.Trim();
        grille.Description = Nettoyer(d.Description);
        grille.Champs = Champs(d.Champs);
        grille.EssmsId = d.EssmsId;
        grille.PeriodiciteJours = d.PeriodiciteJours;
        grille.Evaluateurs = Evaluateurs(d.Evaluateurs);
        var courante = await db.VersionsGrille.Where(v => v.GrilleId == id).OrderByDescending(v => v.Numero).FirstAsync(ct);
        var json = d.Definition!.VersJson();
        var nouvelle = false;
        if (json != courante.Definition)
        {
            if (await db.Evaluations.AnyAsync(x => x.VersionGrilleId == courante.Id, ct))
            {
                courante = new VersionGrille { GrilleId = id, Numero = courante.Numero + 1, Definition = json, CreeeLe = db.Maintenant, CreeeParNom = db.Auteur.Nom };
                db.VersionsGrille.Add(courante);
                nouvelle = true;
            }
            else
            {
                courante.Definition = json;
                courante.CreeeLe = db.Maintenant;
                courante.CreeeParNom = db.Auteur.Nom;
            }
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) when (nouvelle)
        {
            return Resultat<GrilleEnregistree>.Conflit("", "La grille vient d'être modifiée par ailleurs : rechargez-la et recommencez.");
        }
        return Resultat<GrilleEnregistree>.Ok(new GrilleEnregistree(id, courante.Id, courante.Numero, nouvelle));
    }

    public async Task<Resultat<Rien>> ParametrerAsync(Guid id, ParametresGrille p, CancellationToken ct)
    {
        var grille = await db.GrillesEvaluation.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (grille is null) return Resultat<Rien>.Introuvable();
        var e = new Erreurs();
        Periodicite(p.PeriodiciteJours, e);
        VerifierEvaluateurs(p.Evaluateurs, e);
        if (e.Any) return Resultat<Rien>.Invalide(e);
        grille.PeriodiciteJours = p.PeriodiciteJours;
        grille.Active = p.Active;
        grille.Evaluateurs = Evaluateurs(p.Evaluateurs);
        await db.SaveChangesAsync(ct);
        return Resultat.Fait;
    }

    /// <summary>The score of answers with the grid's current version, nothing kept: the filling page shows it live.</summary>
    public async Task<Resultat<ScoreGrille>> CalculerAsync(Guid id, IReadOnlyDictionary<string, JsonElement>? reponses, CancellationToken ct)
    {
        var g = await TrouverAsync(id.ToString(), ct);
        if (g is null || g.Nature != NatureGrille.Personnalisee) return Resultat<ScoreGrille>.Introuvable();
        return g.Definition.Calculer(reponses);
    }

    private async Task<Erreurs> VerifierAsync(DemandeGrille d, CancellationToken ct)
    {
        var e = new Erreurs();
        if (string.IsNullOrWhiteSpace(d.Nom) || d.Nom.Trim().Length > 200) e.Ajouter("nom", "Le nom de la grille est obligatoire (200 caractères au plus).");
        else Usagers.TexteLibre.Verifier(d.Nom.Trim(), "nom", "Le nom", e);
        if (d.Description is { Length: > 2000 }) e.Ajouter("description", "La description dépasse 2000 caractères.");
        if (d.Code is { Length: > 0 } c && !System.Text.RegularExpressions.Regex.IsMatch(c.Trim().ToLowerInvariant(), "^[a-z0-9][a-z0-9-]{0,39}$"))
            e.Ajouter("code", "Le code s'écrit en minuscules, chiffres et tirets (40 caractères au plus).");
        if (d.Champs?.Any(ch => !Enum.IsDefined(ch)) == true) e.Ajouter("champs", "Champ d'activité inconnu.");
        if (d.EssmsId is { } essms && !await db.Set<Essms>().AnyAsync(x => x.Id == essms, ct)) e.Ajouter("essmsId", "Cet établissement n'existe pas.");
        Periodicite(d.PeriodiciteJours, e);
        VerifierEvaluateurs(d.Evaluateurs, e);
        if (d.Definition is null) e.Ajouter("definition", "La définition de la grille (items et seuils) est obligatoire.");
        else e.Fusionner(Prefixer(d.Definition.Verifier(), "definition"));
        return e;
    }

    private static Erreurs Prefixer(Erreurs e, string prefixe)
    {
        var r = new Erreurs();
        foreach (var (champ, messages) in e.ParChamp)
            foreach (var m in messages) r.Ajouter($"{prefixe}.{champ}", m);
        return r;
    }

    private static void Periodicite(int? jours, Erreurs e)
    {
        if (jours is { } j && (j < 1 || j > 3660)) e.Ajouter("periodiciteJours", "La périodicité se compte en jours, de 1 à 3660 (laissez vide pour une grille sans échéance).");
    }

    private static void VerifierEvaluateurs(IReadOnlyList<Role>? roles, Erreurs e)
    {
        if (roles is null || roles.Count == 0) e.Ajouter("evaluateurs", "Indiquez au moins un métier qui remplit cette grille.");
        else if (roles.Any(r => !RolesEvaluateurs.Contains(r)))
            e.Ajouter("evaluateurs", $"Seuls ces métiers évaluent : {string.Join(", ", RolesEvaluateurs.Select(r => r.Libelle()))}.");
    }

    private static string Evaluateurs(IReadOnlyList<Role>? roles) => string.Join(",", (roles ?? []).Distinct());
    private static string Champs(IReadOnlyList<ChampActivite>? champs) => string.Join(",", (champs ?? []).Distinct());
    private static string? Nettoyer(string? t) => string.IsNullOrWhiteSpace(t) ? null : t.Trim();

    /// <summary>A readable code from a name: "Échelle de Norton" → "echelle-de-norton".</summary>
    public static string Code(string nom)
    {
        var sb = new StringBuilder();
        foreach (var ch in nom.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            var c = char.ToLowerInvariant(ch);
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var code = sb.ToString().Trim('-');
        code = code.Length > 36 ? code[..36].Trim('-') : code;
        return code.Length == 0 ? "grille" : code;
    }

    internal static GrilleVue Vue(GrilleEvaluation g, VersionGrille v)
    {
        var d = DefinitionGrille.DepuisJson(v.Definition);
        var (min, max) = d.Etendue();
        return new GrilleVue(g.Id, g.Code, g.Nom, g.Description, g.Nature, g.Integree, g.ChampsActivite, g.EssmsId, g.PeriodiciteJours,
            g.RolesEvaluateurs, g.Active, v.Id, v.Numero, d, min, max);
    }
}
