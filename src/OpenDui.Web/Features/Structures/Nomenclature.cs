using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Structures;

using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Structures;

/// <summary>The FINESS nomenclatures in the database: loaded from the copy shipped with the product on first
/// start, updated from a newer FINESS export with the `import-finess` command.</summary>
public static class Nomenclature
{
    public static async Task ChargerSiVideAsync(OpenDuiDbContext db, CancellationToken ct = default)
    {
        if (await db.CategoriesFiness.AnyAsync(ct)) return;
        var r = Referentiels.Courant;
        await ImporterAsync(db, r.Categories.Values, r.Statuts.Values, null, ct);
    }

    public static Task<(int Categories, int Statuts)> ImporterFichiersAsync(OpenDuiDbContext db, string fichierCategories, string? fichierStatuts,
        IProgress<(int Fait, int Total)>? progres, CancellationToken ct)
    {
        var categories = Referentiels.LireCategories(XDocument.Load(fichierCategories)).ToList();
        var statuts = fichierStatuts is null ? [] : Referentiels.LireStatuts(XDocument.Load(fichierStatuts)).ToList();
        if (categories.Count == 0 && statuts.Count == 0)
            throw new InvalidDataException("Aucune entrée de nomenclature FINESS trouvée dans le fichier (nomenclcategorieETavecagr / nomenclstatutavecagr).");
        return ImporterAsync(db, categories, statuts, progres, ct);
    }

    /// <summary>Upserts the rows in one transaction.</summary>
    public static async Task<(int Categories, int Statuts)> ImporterAsync(OpenDuiDbContext db, IEnumerable<CategorieEtablissement> categories,
        IEnumerable<StatutJuridique> statuts, IProgress<(int Fait, int Total)>? progres, CancellationToken ct)
    {
        var cats = categories.ToList();
        var sts = statuts.ToList();
        var total = cats.Count + sts.Count;
        var fait = 0;
        var existantes = await db.CategoriesFiness.ToDictionaryAsync(c => c.Code, ct);
        foreach (var c in cats)
        {
            var ligne = existantes.GetValueOrDefault(c.Code);
            if (ligne is null)
                db.CategoriesFiness.Add(ligne = new CategorieFiness { Code = c.Code, Libelle = "", LibelleCourt = "", Domaine = "", CodeAgregat1 = "", CodeAgregat2 = "", CodeAgregat3 = "", LibelleAgregat1 = "", LibelleAgregat2 = "", LibelleAgregat3 = "" });
            (ligne.Libelle, ligne.LibelleCourt, ligne.Domaine, ligne.DateFin) = (c.Libelle, c.LibelleCourt, c.Domaine, c.DateFin);
            (ligne.CodeAgregat1, ligne.LibelleAgregat1, ligne.CodeAgregat2, ligne.LibelleAgregat2, ligne.CodeAgregat3, ligne.LibelleAgregat3) =
                (c.CodeAgregat1, c.LibelleAgregat1, c.CodeAgregat2, c.LibelleAgregat2, c.CodeAgregat3, c.LibelleAgregat3);
            if (++fait % 50 == 0) progres?.Report((fait, total));
        }
        var statutsExistants = await db.StatutsJuridiquesFiness.ToDictionaryAsync(c => c.Code, ct);
        foreach (var s in sts)
        {
            var ligne = statutsExistants.GetValueOrDefault(s.Code);
            if (ligne is null)
                db.StatutsJuridiquesFiness.Add(ligne = new StatutJuridiqueFiness { Code = s.Code, Libelle = "", CodeAgregat1 = "", LibelleAgregat1 = "", CodeAgregat2 = "", LibelleAgregat2 = "" });
            (ligne.Libelle, ligne.DateFin, ligne.CodeAgregat1, ligne.LibelleAgregat1, ligne.CodeAgregat2, ligne.LibelleAgregat2) =
                (s.Libelle, s.DateFin, s.CodeAgregat1, s.LibelleAgregat1, s.CodeAgregat2, s.LibelleAgregat2);
            if (++fait % 50 == 0) progres?.Report((fait, total));
        }
        await db.SaveChangesAsync(ct);
        progres?.Report((total, total));
        return (cats.Count, sts.Count);
    }
}
