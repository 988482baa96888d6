using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>The record page's "Traitements": the lines in force, for those who read prescriptions.</summary>
public sealed record PanneauTraitementsModele(Guid UsagerId, IReadOnlyList<PrescriptionVue> Prescriptions, bool PeutPrescrire,
    IReadOnlyList<AdministrationVue>? Administrations = null);

internal sealed class PanneauTraitements(GestionPrescriptions prescriptions, GestionAdministrations administrations) : IPanneauDossier
{
    /// <summary>In the care area, right after the care record's own panel.</summary>
    public const int Ordre = OrdrePanneau.Soins + 10;
    /// <summary>The MAR of the last days shown under the treatments.</summary>
    public const int JoursMar = 3;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct)
    {
        var actives = await prescriptions.ActivesPourPanneauAsync(usagerId, ct);
        if (actives is null) return null;
        return new PanneauDossier(Ordre, "/Features/Medicaments/_PanneauTraitements.cshtml",
            new PanneauTraitementsModele(usagerId, actives, await prescriptions.PeutPrescrireAsync(usagerId, ct),
                await administrations.RecentesPourPanneauAsync(usagerId, JoursMar, ct)));
    }
}
