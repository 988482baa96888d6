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
internal sealed class SourceChronologieEcrits(OpenDuiDbContext db, GestionEcrits ecrits, VisibiliteEcrits visibilite) : ISourceChronologie
{
    public string Source => "Ecrits";

    /// <summary>What an entry shows of an écrit.</summary>
    private sealed record LigneEcrit(Guid Id, DateTimeOffset Horodatage, TypeEcrit Type, CercleEcrit Cercle, string? Cible, string? Donnees, string? Actions,
        string? Resultats, string? Texte, bool Important, string AuteurNom, Guid AuteurId, Role RoleAuteur, Guid EssmsId, Guid? CorrigeEcritId);

    /// <summary>
    /// The first page without filter of a reader holding one role that opens records (the record opened, every time): the
    /// query of <see cref="VisibiliteEcrits.PredicatAsync"/> for one role, written out and compiled. The general query is
    /// built per reader (its predicate has a clause per role), and EF then hashes and evaluates that tree on every call
    /// (bench/README.md, thirteenth run). The same rule as the predicate's clause for one role: change both together; the
    /// tests of the chronology in ScenariosEcrits compare this page with the general query (a filter that excludes nothing).
    /// </summary>
    private static readonly RequeteCompilee<Func<OpenDuiDbContext, Guid, Guid, Guid[], CercleEcrit[], Role?, int, IAsyncEnumerable<LigneEcrit>>> PremierePageUnRole =
        new(() => EF.CompileAsyncQuery((OpenDuiDbContext db, Guid usagerId, Guid moi, Guid[] essms, CercleEcrit[] cercles, Role? role, int nombre) =>
            db.Set<Ecrit>().AsNoTracking()
                .Where(x => x.UsagerId == usagerId)
                .Where(x => x.AuteurId == moi || (essms.Contains(x.EssmsId) && cercles.Contains(x.Cercle)
                    && !db.Set<ObjectionPartage>().Any(o => o.UsagerId == x.UsagerId && o.LeveeLe == null && (o.Role == null || o.Role == role) && (o.Cercle == null || o.Cercle == x.Cercle))))
                .OrderByDescending(x => x.Horodatage).ThenByDescending(x => x.Id).Take(nombre)
                .Select(x => new LigneEcrit(x.Id, x.Horodatage, x.Type, x.Cercle, x.Cible, x.Donnees, x.Actions, x.Resultats, x.Texte, x.Important, x.AuteurNom,
                    x.AuteurId, x.RoleAuteur, x.EssmsId, x.CorrigeEcritId))));

    public async Task<IReadOnlyList<EntreeChronologie>> LireAsync(Guid usagerId, CritereChronologie c, BorneChronologie? borne, int nombre, CancellationToken ct)
    {
        if (c.Categorie is { } categorie && categorie != CategoriesChronologie.Ecrits) return [];
        if (borne is null && c is { AuteurId: null, EssmsId: null, Depuis: null, Jusqua: null, Recherche: null }
            && await visibilite.RegleAsync(ct) is { Roles: [var seul] } regle)
        {
            var premiere = new List<EntreeChronologie>(nombre);
            await foreach (var x in PremierePageUnRole.Pour(db)(db, usagerId, regle.Moi, seul.Essms, seul.Cercles, seul.Role, nombre).WithCancellation(ct))
                premiere.Add(Entree(x));
            return premiere;
        }
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
            .Select(x => new LigneEcrit(x.Id, x.Horodatage, x.Type, x.Cercle, x.Cible, x.Donnees, x.Actions, x.Resultats, x.Texte, x.Important, x.AuteurNom,
                x.AuteurId, x.RoleAuteur, x.EssmsId, x.CorrigeEcritId))
            .ToListAsync(ct);
        return lignes.Select(Entree).ToList();
    }

    private EntreeChronologie Entree(LigneEcrit x) => new(new LigneChronologie(x.Horodatage, Source, x.Type.ToString(), CategoriesChronologie.Ecrits,
            $"{(x.Important ? "Important · " : "")}{x.Type.Libelle()}{(x.Cible is null ? "" : " : " + x.Cible)}{(x.CorrigeEcritId is null ? "" : " (correction)")} — lu par : {x.Cercle.Libelle()}",
            x.Texte ?? string.Join("\n", new[] { ("Données", x.Donnees), ("Actions", x.Actions), ("Résultats", x.Resultats) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} : {p.Item2}")),
            $"{x.AuteurNom} ({x.RoleAuteur.Libelle()})", x.AuteurId, x.EssmsId, null, x.Important), x.Id.ToString());
}
