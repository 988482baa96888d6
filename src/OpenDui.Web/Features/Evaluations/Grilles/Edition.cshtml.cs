using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Evaluations.Grilles;

public sealed class ItemForm
{
    public string? Code { get; set; }
    public string? Libelle { get; set; }
    public TypeReponse Type { get; set; }
    public string? Aide { get; set; }
    /// <summary>One option a line: "Libellé = points".</summary>
    public string? Options { get; set; }
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public decimal? PointsOui { get; set; }
    public decimal? PointsNon { get; set; }
    public bool Obligatoire { get; set; } = true;
}

public sealed class SeuilForm
{
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public string? Interpretation { get; set; }
}

/// <summary>Defining or changing an ESSMS's own grid: a few rows of items and of thresholds (empty rows are ignored).</summary>
public sealed class EditionModel(GestionGrilles grilles) : PageModel
{
    private const int LignesEnPlus = 4;

    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Nom { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public List<ChampActivite> Champs { get; set; } = [];
    [BindProperty] public int? PeriodiciteJours { get; set; }
    [BindProperty] public List<Role> Evaluateurs { get; set; } = [Role.Infirmier, Role.AideSoignant, Role.Medecin];
    [BindProperty] public List<ItemForm> Items { get; set; } = [];
    [BindProperty] public List<SeuilForm> Seuils { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var d = await grilles.LireAsync(id, ct);
            if (!d.EstOk || d.Valeur!.Grille.Integree) return NotFound();
            var g = d.Valeur.Grille;
            (Code, Nom, Description, Champs, PeriodiciteJours, Evaluateurs) = (g.Code, g.Nom, g.Description, g.Champs.ToList(), g.PeriodiciteJours, g.Evaluateurs.ToList());
            Items = g.Definition.Items.Select(i => new ItemForm
            {
                Code = i.Code, Libelle = i.Libelle, Type = i.Type, Aide = i.Aide, Minimum = i.Minimum, Maximum = i.Maximum, PointsOui = i.PointsOui, PointsNon = i.PointsNon,
                Obligatoire = i.Obligatoire, Options = i.Options is null ? null : string.Join("\n", i.Options.Select(o => $"{o.Libelle} = {o.Points.ToString(CultureInfo.InvariantCulture)}")),
            }).ToList();
            Seuils = g.Definition.Seuils.Select(s => new SeuilForm { Minimum = s.Minimum, Maximum = s.Maximum, Interpretation = s.Interpretation }).ToList();
        }
        Completer();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var e = new Erreurs();
        var items = new List<ItemGrille>();
        for (var n = 0; n < Items.Count; n++)
        {
            var i = Items[n];
            if (string.IsNullOrWhiteSpace(i.Libelle) && string.IsNullOrWhiteSpace(i.Code)) continue;
            var code = string.IsNullOrWhiteSpace(i.Code) ? GestionGrilles.Code(i.Libelle ?? "item") : i.Code.Trim();
            items.Add(new ItemGrille(code, i.Libelle?.Trim() ?? "", i.Type, string.IsNullOrWhiteSpace(i.Aide) ? null : i.Aide.Trim(),
                i.Type == TypeReponse.Choix ? Options(i.Options, $"items[{items.Count}].options", e) : null,
                i.Type == TypeReponse.Nombre ? i.Minimum : null, i.Type == TypeReponse.Nombre ? i.Maximum : null,
                i.Type == TypeReponse.OuiNon ? i.PointsOui : null, i.Type == TypeReponse.OuiNon ? i.PointsNon : null, i.Obligatoire));
        }
        var seuils = Seuils.Where(s => !string.IsNullOrWhiteSpace(s.Interpretation) || s.Minimum is not null || s.Maximum is not null)
            .Select(s => new SeuilGrille(s.Minimum ?? 0, s.Maximum ?? 0, s.Interpretation?.Trim() ?? "")).ToList();
        if (e.Any) return Reafficher(e);
        var demande = new DemandeGrille(Code, Nom, Description, Champs, null, PeriodiciteJours, Evaluateurs, new DefinitionGrille(items, seuils));
        if (Id is { } id)
        {
            var r = await grilles.ModifierAsync(id, demande, ct);
            if (r.Statut == StatutResultat.Introuvable) return NotFound();
            if (!r.EstOk) return Reafficher(r.Erreurs);
            TempData["Message"] = r.Valeur!.NouvelleVersion
                ? $"Grille enregistrée en version {r.Valeur.NumeroVersion} : les évaluations déjà faites gardent leur version."
                : "Grille enregistrée.";
        }
        else
        {
            var r = await grilles.CreerAsync(demande, ct);
            if (!r.EstOk) return Reafficher(r.Erreurs);
            TempData["Message"] = "Grille créée.";
        }
        return Redirect("/Evaluations/Grilles");
    }

    private IActionResult Reafficher(Erreurs e)
    {
        ModelState.Reporter(e);
        Completer();
        return Page();
    }

    private void Completer()
    {
        for (var k = 0; k < LignesEnPlus; k++) Items.Add(new ItemForm());
        for (var k = 0; k < LignesEnPlus; k++) Seuils.Add(new SeuilForm());
    }

    private static List<OptionReponse> Options(string? texte, string champ, Erreurs e)
    {
        var options = new List<OptionReponse>();
        foreach (var ligne in (texte ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var egal = ligne.LastIndexOf('=');
            if (egal <= 0 || !decimal.TryParse(ligne[(egal + 1)..].Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var points))
            {
                e.Ajouter(champ, $"« {ligne} » : écrivez une option par ligne sous la forme « Libellé = points ».");
                continue;
            }
            options.Add(new OptionReponse(ligne[..egal].Trim(), points));
        }
        return options;
    }
}
