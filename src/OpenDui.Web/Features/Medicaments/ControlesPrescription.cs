namespace OpenDui.Web.Features.Medicaments;

/// <summary>A known allergy or intolerance of the person, as the care record gives it (CodeSubstance: BDPM substance code).</summary>
public sealed record AllergiePersonne(string Libelle, string? CodeSubstance);

/// <summary>A substance of what is prescribed: every substance (SA and FT) of the speciality's composition, or the DCI itself.</summary>
public sealed record SubstancePrescrite(string Code, string Nom);

/// <summary>An active prescription line of the person, with its substances, to look for the same substance twice.</summary>
public sealed record LigneActive(Guid LigneId, string Libelle, IReadOnlyList<SubstancePrescrite> Substances, bool SiBesoin);

public enum TypeAlerte { Allergie, MemeSubstance, SiBesoinSansMaximum, SiBesoinMaximumAtteint }

/// <summary>A warning of the safety checks: the prescription goes on only when its author overrides it with a reason.</summary>
public sealed record AlertePrescription(TypeAlerte Type, string Message);

/// <summary>
/// The safety checks at prescription, pure: an allergy against any substance of the composition (a combination product
/// matches on each of its substances), the same substance already in an active line, a "si besoin" without a maximum per
/// 24 hours. An allergy matches by BDPM substance code, or, when recorded without a code, by its name against the
/// substance's name (accents and case ignored, whole words).
/// </summary>
public static class ControlesPrescription
{
    public static IReadOnlyList<AlertePrescription> Verifier(string libelle, IReadOnlyList<SubstancePrescrite> substances, IReadOnlyList<AllergiePersonne> allergies,
        IReadOnlyList<LigneActive> actives, Guid? ligneModifiee, bool siBesoin, int? maxPrisesPar24h)
    {
        var alertes = new List<AlertePrescription>();
        foreach (var a in allergies)
        {
            var touchees = substances.Where(s => Correspond(a, s)).Select(s => s.Nom).Distinct().ToList();
            if (touchees.Count > 0)
                alertes.Add(new AlertePrescription(TypeAlerte.Allergie,
                    $"Allergie connue « {a.Libelle} » : {libelle} contient {string.Join(", ", touchees.Select(n => n.ToLowerInvariant()))}."));
        }
        var codes = substances.Select(s => s.Code).ToHashSet();
        foreach (var l in actives.Where(l => l.LigneId != ligneModifiee))
        {
            var communes = l.Substances.Where(s => codes.Contains(s.Code)).Select(s => s.Nom).Distinct().ToList();
            if (communes.Count > 0)
                alertes.Add(new AlertePrescription(TypeAlerte.MemeSubstance,
                    $"Même substance déjà prescrite : {string.Join(", ", communes.Select(n => n.ToLowerInvariant()))} dans « {l.Libelle} »{(l.SiBesoin ? " (si besoin)" : "")}."));
        }
        if (siBesoin && maxPrisesPar24h is null)
            alertes.Add(new AlertePrescription(TypeAlerte.SiBesoinSansMaximum, "Prescription « si besoin » sans nombre maximal de prises par 24 heures."));
        return alertes;
    }

    /// <summary>At administration of a "si besoin" dose (for the MAR): the maximum per 24 hours reached or the minimum interval not elapsed.</summary>
    public static AlertePrescription? VerifierPriseSiBesoin(SiBesoinDisponible d) => d.Possible ? null
        : new AlertePrescription(TypeAlerte.SiBesoinMaximumAtteint, d.Restantes == 0
            ? $"Maximum de {d.MaxPrisesPar24h} prise(s) par 24 heures atteint pour {d.Libelle}."
            : $"Intervalle minimal entre deux prises non écoulé pour {d.Libelle}.");

    public static bool Correspond(AllergiePersonne a, SubstancePrescrite s)
    {
        if (!string.IsNullOrWhiteSpace(a.CodeSubstance)) return a.CodeSubstance.Trim().TrimStart('0') == s.Code.Trim().TrimStart('0');
        var allergie = CleRecherche.De(a.Libelle);
        if (allergie.Length < 3) return false;
        var nom = CleRecherche.De(s.Nom);
        return nom == allergie || $" {nom} ".Contains($" {allergie} ", StringComparison.Ordinal);
    }
}
