namespace OpenDui.Web.Features.Admission;

/// <summary>What the ordering of a waiting list needs of a request.</summary>
public sealed record CleAttente(Guid Id, DateOnly RecueLe, bool Urgente, DateOnly? FinOrientation, DateTimeOffset CreeLe);

/// <summary>The waiting list's order and how long a person has waited, in plain words.</summary>
public static class OrdreAttente
{
    /// <summary>Orders the requests by the ESSMS's criterion; ties by date of request, then by entry (stable for equal dates).
    /// Without an orientation end, a request comes after those that have one.</summary>
    public static IReadOnlyList<T> Ordonner<T>(IEnumerable<T> lignes, Func<T, CleAttente> cle, CritereListeAttente critere)
    {
        var avecCle = lignes.Select(l => (Ligne: l, Cle: cle(l)));
        var ordonne = critere switch
        {
            CritereListeAttente.UrgencePuisDate => avecCle.OrderByDescending(x => x.Cle.Urgente).ThenBy(x => x.Cle.RecueLe),
            CritereListeAttente.FinOrientationPuisDate => avecCle.OrderBy(x => x.Cle.FinOrientation ?? DateOnly.MaxValue).ThenBy(x => x.Cle.RecueLe),
            _ => avecCle.OrderBy(x => x.Cle.RecueLe),
        };
        return ordonne.ThenBy(x => x.Cle.CreeLe).ThenBy(x => x.Cle.Id).Select(x => x.Ligne).ToList();
    }

    /// <summary>"depuis 12 jours", "depuis 3 mois", "depuis 1 an et 2 mois": whole months once past the first month.</summary>
    public static string Attente(DateOnly depuis, DateOnly aujourdhui)
    {
        var jours = aujourdhui.DayNumber - depuis.DayNumber;
        if (jours <= 0) return "depuis aujourd'hui";
        var mois = (aujourdhui.Year - depuis.Year) * 12 + aujourdhui.Month - depuis.Month - (aujourdhui.Day < depuis.Day ? 1 : 0);
        if (mois < 1) return jours == 1 ? "depuis 1 jour" : $"depuis {jours} jours";
        var (ans, reste) = (mois / 12, mois % 12);
        if (ans == 0) return $"depuis {mois} mois";
        var a = ans == 1 ? "1 an" : $"{ans} ans";
        return reste == 0 ? $"depuis {a}" : $"depuis {a} et {reste} mois";
    }
}
