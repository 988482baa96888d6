using System.Linq.Expressions;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>
/// The one rule of who reads an écrit, as a predicate every read composes (the record's list, its panel, the chronology
/// and its search, "Ma journée"): its author; or a reader holding, in the écrit's ESSMS, a role that reads its circle
/// (<see cref="CerclesEcrits"/>) and that no active objection of the person (<see cref="ObjectionPartage"/>) keeps from it.
/// A reader with several roles reads through any role the person has not objected to.
/// </summary>
public sealed class VisibiliteEcrits(OpenDuiDbContext db, PerimetreAcces perimetre)
{
    private Expression<Func<Ecrit, bool>>? _predicat;

    public async Task<Expression<Func<Ecrit, bool>>> PredicatAsync(CancellationToken ct)
    {
        if (_predicat is not null) return _predicat;
        var habilitations = await perimetre.HabilitationsAsync(ct);
        var moi = db.Auteur.Id ?? Guid.Empty;
        var objections = db.Set<ObjectionPartage>();
        Expression<Func<Ecrit, bool>> resultat = x => x.AuteurId == moi;
        foreach (var parRole in habilitations.Where(h => h.EssmsId is not null && h.Role.OuvreLesDossiers()).GroupBy(h => h.Role))
        {
            Role? role = parRole.Key;
            var essms = parRole.Select(h => h.EssmsId!.Value).Distinct().ToArray();
            var cercles = Enum.GetValues<CercleEcrit>().Where(c => CerclesEcrits.PeutLire(parRole.Key, c)).ToArray();
            if (cercles.Length == 0) continue;
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
