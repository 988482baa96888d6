using System.Linq.Expressions;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>
/// The one rule of who reads an écrit, as a predicate every read composes (the record's list, its panel, the chronology
/// and its search, "Ma journée"): its author; or a reader holding, in the écrit's ESSMS, a role that reads its circle
/// (<see cref="CerclesEcrits"/>) and that no active objection of the person (<see cref="ObjectionPartage"/>) keeps from it.
/// A reader with several roles reads through any role the person has not objected to. The chronology's first page writes
/// the clause of one role out in a compiled query (<see cref="SourceChronologieEcrits"/>): a change of the rule goes there too.
/// </summary>
public sealed class VisibiliteEcrits(OpenDuiDbContext db, PerimetreAcces perimetre)
{
    private Expression<Func<Ecrit, bool>>? _predicat;
    private RegleLecture? _regle;

    /// <summary>The rule for the signed-in reader: who they are, and for each role they hold that opens records, the ESSMS
    /// where they hold it and the circles it reads.</summary>
    public async Task<RegleLecture> RegleAsync(CancellationToken ct)
    {
        if (_regle is not null) return _regle;
        var habilitations = await perimetre.HabilitationsAsync(ct);
        return _regle = RegleLecture.De(db.Auteur.Id ?? Guid.Empty, habilitations.Select(h => (h.Role, h.EssmsId)));
    }

    /// <summary>The rule as a predicate for the database.</summary>
    public async Task<Expression<Func<Ecrit, bool>>> PredicatAsync(CancellationToken ct)
    {
        if (_predicat is not null) return _predicat;
        var regle = await RegleAsync(ct);
        var moi = regle.Moi;
        var objections = db.Set<ObjectionPartage>();
        Expression<Func<Ecrit, bool>> resultat = x => x.AuteurId == moi;
        foreach (var r in regle.Roles)
        {
            Role? role = r.Role;
            var (essms, cercles) = (r.Essms, r.Cercles);
            Expression<Func<Ecrit, bool>> clause = x => essms.Contains(x.EssmsId) && cercles.Contains(x.Cercle)
                && !objections.Any(o => o.UsagerId == x.UsagerId && o.LeveeLe == null && (o.Role == null || o.Role == role) && (o.Cercle == null || o.Cercle == x.Cercle));
            resultat = Ou(resultat, clause);
        }
        return _predicat = resultat;
    }

    private static Expression<Func<T, bool>> Ou<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b)
    {
        var p = a.Parameters[0];
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, new Remplacement(b.Parameters[0], p).Visit(b.Body)), p);
    }

    private sealed class Remplacement(ParameterExpression de, ParameterExpression par) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == de ? par : base.VisitParameter(node);
    }
}

/// <summary>A role the reader holds that opens records: the ESSMS where they hold it, the circles it reads.</summary>
public sealed record RoleLecteur(Role Role, Guid[] Essms, CercleEcrit[] Cercles);

/// <summary>
/// The rule of <see cref="VisibiliteEcrits"/> for one reader, in memory, for écrits read once and kept for every reader
/// ("Ma journée"'s transmissions of a unit): the same decision as its predicate, from the same roles.
/// </summary>
public sealed record RegleLecture(Guid Moi, IReadOnlyList<RoleLecteur> Roles)
{
    /// <summary>The rule of a reader from their current habilitations (role, and ESSMS: a unit's habilitation names its ESSMS too).</summary>
    public static RegleLecture De(Guid moi, IEnumerable<(Role Role, Guid? EssmsId)> habilitations) =>
        new(moi, [.. habilitations.Where(h => h.EssmsId is not null && h.Role.OuvreLesDossiers()).GroupBy(h => h.Role)
            .Select(g => new RoleLecteur(g.Key, [.. g.Select(h => h.EssmsId!.Value).Distinct()],
                [.. Enum.GetValues<CercleEcrit>().Where(c => CerclesEcrits.PeutLire(g.Key, c))]))
            .Where(r => r.Cercles.Length > 0)]);

    /// <param name="objections">The objections of the écrit's person (lifted ones are ignored).</param>
    public bool Lit(Guid auteurId, Guid essmsId, CercleEcrit cercle, IEnumerable<ObjectionPartage> objections) =>
        auteurId == Moi || Roles.Any(r => r.Essms.Contains(essmsId) && r.Cercles.Contains(cercle) && !objections.Any(o => o.Vise(r.Role, cercle)));
}
