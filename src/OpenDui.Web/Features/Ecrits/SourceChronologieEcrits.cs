using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>
/// The écrits in the record's chronology, read from their own table with the same rule as everywhere
/// (<see cref="VisibiliteEcrits"/>): what a reader may not read is neither listed nor found by the search, which runs
/// inside that rule (PostgreSQL: the stored french tsvector; SQLite: the FTS5 table EcritsFts).
/// </summary>
internal sealed class SourceChronologieEcrits(OpenDuiDbContext db, GestionEcrits ecrits) : ISourceChronologie
{
    public string Source => "Ecrits";

    public async Task<IReadOnlyList<EntreeChronologie>> LireAsync(Guid usagerId, CritereChronologie c, BorneChronologie? borne, int nombre, CancellationToken ct)
    {
        if (c.Categorie is { } categorie && categorie != CategoriesChronologie.Ecrits) return [];
        var q = await ecrits.VisiblesAsync(usagerId, ct);
        if (c.AuteurId is { } auteur) q = q.Where(x => x.AuteurId == auteur);
        if (c.EssmsId is { } essms) q = q.Where(x => x.EssmsId == essms);
        if (c.Depuis is { } depuis) q = q.Where(x => x.Horodatage >= depuis);
        if (c.Jusqua is { } jusqua) q = q.Where(x => x.Horodatage < jusqua);
        if (c.Recherche is { } recherche)
        {
            if (db.Fournisseur == Fournisseur.Postgres)
                q = q.Where(x => EF.Property<NpgsqlTsVector>(x, ConfigurationEcritPostgres.Recherche).Matches(EF.Functions.WebSearchToTsQuery(RechercheFrancaise.Configuration, recherche)));
            else
            {
                if (Chronologie.RequeteFts5(recherche) is not { } fts) return [];
                var ids = db.Database.SqlQuery<Guid>($"SELECT EcritId AS \"Value\" FROM EcritsFts WHERE EcritsFts MATCH {fts}");
                q = q.Where(x => ids.Contains(x.Id));
            }
        }
        if (borne is { } b)
        {
            if (b.CleAvant is { } cle)
            {
                if (!Guid.TryParse(cle, out var id)) return [];
                q = q.Where(x => x.Horodatage < b.Horodatage || (x.Horodatage == b.Horodatage && x.Id.CompareTo(id) < 0));
            }
            else q = b.InstantInclus ? q.Where(x => x.Horodatage <= b.Horodatage) : q.Where(x => x.Horodatage < b.Horodatage);
        }
        var lignes = await q.OrderByDescending(x => x.Horodatage).ThenByDescending(x => x.Id).Take(nombre)
            .Select(x => new { x.Id, x.Horodatage, x.Type, x.Cercle, x.Cible, x.Donnees, x.Actions, x.Resultats, x.Texte, x.Important, x.AuteurNom, x.AuteurId, x.RoleAuteur, x.EssmsId, x.CorrigeEcritId })
            .ToListAsync(ct);
        return lignes.Select(x => new EntreeChronologie(new LigneChronologie(x.Horodatage, Source, x.Type.ToString(), CategoriesChronologie.Ecrits,
            $"{(x.Important ? "Important · " : "")}{x.Type.Libelle()}{(x.Cible is null ? "" : " : " + x.Cible)}{(x.CorrigeEcritId is null ? "" : " (correction)")} — lu par : {x.Cercle.Libelle()}",
            x.Texte ?? string.Join("\n", new[] { ("Données", x.Donnees), ("Actions", x.Actions), ("Résultats", x.Resultats) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} : {p.Item2}")),
            $"{x.AuteurNom} ({x.RoleAuteur.Libelle()})", x.AuteurId, x.EssmsId, null, x.Important), x.Id.ToString())).ToList();
    }
}
