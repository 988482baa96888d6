using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.AFaire;

/// <summary>One deadline as the list shows it: late by or due in so many days.</summary>
/// <param name="Jours">Days left (negative: days late; 0: today).</param>
public sealed record LigneAFaire(EcheanceAFaire Echeance, int Jours)
{
    public bool EnRetard => Jours < 0;

    public string Delai => Jours switch
    {
        < -1 => $"En retard de {-Jours} jours",
        -1 => "En retard d'un jour",
        0 => "Aujourd'hui",
        1 => "Demain",
        _ => $"Dans {Jours} jours",
    };
}

/// <summary>The deadlines of one ESSMS, late first then by date.</summary>
public sealed record AFaireEssms(Guid EssmsId, string Essms, IReadOnlyList<LigneAFaire> Lignes)
{
    public int EnRetard => Lignes.Count(l => l.EnRetard);
}

public sealed record AFaireVue(DateOnly Aujourdhui, IReadOnlyList<AFaireEssms> Essms)
{
    public int Total => Essms.Sum(e => e.Lignes.Count);
    public int EnRetard => Essms.Sum(e => e.EnRetard);
}

/// <summary>
/// "À faire" for admission staff: every deadline the modules watch (<see cref="ISourceAFaire"/>) that is late or due within
/// <see cref="JoursAlerte"/> days, per ESSMS where the reader manages admissions (direction, chef de service, secretariat).
/// A list of names and deadlines: nothing of a record is shown, nothing is traced.
/// </summary>
public sealed class ListeAFaire(IEnumerable<ISourceAFaire> sources, OpenDuiDbContext db, PerimetreAcces perimetre)
{
    public const int JoursAlerte = 7;

    public async Task<Resultat<AFaireVue>> LireAsync(Guid? essmsId, CancellationToken ct)
    {
        IReadOnlyList<Guid> essms = await EssmsAsync(ct);
        if (essmsId is { } filtre)
        {
            if (!essms.Contains(filtre)) return Resultat<AFaireVue>.Introuvable();
            essms = [filtre];
        }
        var aujourdhui = db.Aujourdhui;
        var echeances = await EcheancesAsync(essms, aujourdhui, ct);
        var noms = await db.Set<Essms>().AsNoTracking().Where(e => essms.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Nom, ct);
        var parEssms = essms.Where(noms.ContainsKey).OrderBy(e => noms[e], StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true))
            .Select(e => new AFaireEssms(e, noms[e], echeances.Where(x => x.EssmsId == e)
                .Select(x => new LigneAFaire(x, x.Echeance.DayNumber - aujourdhui.DayNumber))
                .OrderBy(l => l.Jours).ThenBy(l => l.Echeance.Personne).ThenBy(l => l.Echeance.Quoi).ToList()))
            .ToList();
        return Resultat<AFaireVue>.Ok(new AFaireVue(aujourdhui, parEssms));
    }

    /// <summary>Every source's deadlines in these ESSMS up to <see cref="JoursAlerte"/> days from today (for the dashboard's counts too).</summary>
    public async Task<IReadOnlyList<EcheanceAFaire>> EcheancesAsync(IReadOnlyList<Guid> essms, DateOnly aujourdhui, CancellationToken ct)
    {
        if (essms.Count == 0) return [];
        var demande = new DemandeAFaire(essms, aujourdhui, aujourdhui.AddDays(JoursAlerte));
        var toutes = new List<EcheanceAFaire>();
        // One after the other: the sources share the request's unit of work.
        foreach (var s in sources) toutes.AddRange(await s.LireAsync(demande, ct));
        return toutes.Where(e => e.Echeance <= demande.Jusquau && essms.Contains(e.EssmsId)).ToList();
    }

    /// <summary>The ESSMS where the reader manages admissions as a whole (admission is the ESSMS's, not a unit's: a habilitation on
    /// a unit alone shows nothing, as the list names people of every unit).</summary>
    public async Task<Guid[]> EssmsAsync(CancellationToken ct) => (await perimetre.PerimetreAsync(Roles.GestionnairesAdmission, ct)).Essms;
}
