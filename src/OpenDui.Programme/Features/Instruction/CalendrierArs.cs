using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;

namespace OpenDui.Programme.Features.Instruction;

/// <summary>
/// An ARS's provisional calendar of decision milestones for a campaign year: every mandatory milestone of the
/// campaign plus the optional ones it chooses, published by that ARS before the campaign's deadline and revisable
/// until then. Once published, the ARS decides its regional candidatures only at these milestones.
/// </summary>
public sealed class CalendrierArs
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public int Annee { get; set; }
    public required string RegionCode { get; set; }
    public List<DateOnly> Jalons { get; set; } = [];
    public DateTimeOffset PublieLe { get; set; }
    public DateTimeOffset ModifieLe { get; set; }
    public string ModifiePar { get; set; } = "";
    public int Version { get; set; }
    /// <summary>Every publication, the first one included (append-only).</summary>
    public List<RevisionCalendrierArs> Revisions { get; set; } = [];

    /// <summary>Publishes (first time) or revises the calendar. Throws <see cref="InterditException"/> for anyone but
    /// the ARS of the region, <see cref="RegleException"/> for a calendar the campaign's rules refuse.</summary>
    public RevisionCalendrierArs Publier(IEnumerable<DateOnly> jalons, ParametresCampagne p, Acteur a, DateTimeOffset maintenant)
    {
        if (a.Profil != Profil.InstructeurArs || a.Region != RegionCode) throw new InterditException();
        if (p.Annee != Annee) throw new RegleException($"Ce calendrier est celui de la campagne {Annee}.");
        var aujourdhui = ParametresCampagne.DateDeParis(maintenant);
        if (aujourdhui > p.PublicationCalendrierArs)
            throw new RegleException($"Le calendrier prévisionnel se publie au plus tard le {p.PublicationCalendrierArs:dd/MM/yyyy} à minuit : la date est dépassée.");
        var retenus = jalons.Distinct().Order().ToList();
        var inconnus = retenus.Except(p.JalonsDecision).ToList();
        if (inconnus.Count > 0)
            throw new RegleException($"{Dates(inconnus)} : {(inconnus.Count == 1 ? "ce n'est pas un jalon" : "ce ne sont pas des jalons")} de décision de la campagne {p.Annee} ({Dates(p.JalonsDecision)}).");
        var manquants = p.JalonsObligatoires().Except(retenus).ToList();
        if (manquants.Count > 0)
            throw new RegleException($"Le calendrier doit retenir tous les jalons obligatoires ; il manque : {Dates(manquants)}.");
        // What is past is history: a past milestone can be neither added nor taken out.
        var changes = Revisions.Count == 0 ? retenus : retenus.Except(Jalons).Concat(Jalons.Except(retenus)).ToList();
        var passes = changes.Where(j => j < aujourdhui).Order().ToList();
        if (passes.Count > 0)
            throw new RegleException(passes.Count == 1
                ? $"Le jalon du {Dates(passes)} est passé : il ne peut plus être ajouté au calendrier ni en être retiré."
                : $"Les jalons des {Dates(passes)} sont passés : ils ne peuvent plus être ajoutés au calendrier ni en être retirés.");
        Jalons = retenus;
        if (Revisions.Count == 0) PublieLe = maintenant;
        ModifieLe = maintenant;
        ModifiePar = a.Nom;
        var r = new RevisionCalendrierArs { CalendrierId = Id, Horodatage = maintenant, AuteurId = a.Id, AuteurNom = a.Nom, Jalons = retenus };
        Revisions.Add(r);
        return r;
    }

    /// <summary>The milestones a decision may take: the published calendar's, or any of the campaign's before publication.</summary>
    public static IReadOnlyList<DateOnly> JalonsPossibles(ParametresCampagne p, CalendrierArs? publie) => publie?.Jalons ?? p.JalonsDecision;

    public static string Dates(IEnumerable<DateOnly> jalons) => string.Join(", ", jalons.Select(j => j.ToString("dd/MM/yyyy")));
}

/// <summary>One publication of an ARS calendar: when, by whom, which milestones.</summary>
public sealed class RevisionCalendrierArs
{
    public long Id { get; set; }
    public Guid CalendrierId { get; set; }
    public DateTimeOffset Horodatage { get; set; }
    public Guid? AuteurId { get; set; }
    public required string AuteurNom { get; set; }
    public List<DateOnly> Jalons { get; set; } = [];
}
