using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Journee;

/// <summary>One person present today in one of my units (one row per current séjour).</summary>
/// <param name="Mention">What is special about today, in plain words ("arrivée prévue aujourd'hui", "sortie prévue aujourd'hui").</param>
public sealed record PersonneDuJour(Guid UsagerId, string Nom, string Prenom, string Age, string Modalite, string? Mention);

/// <summary>The people of one ESSMS, or of one unit of it.</summary>
public sealed record LieuDuJour(string Essms, string? Unite, IReadOnlyList<PersonneDuJour> Personnes)
{
    public string Nom => Unite is null ? Essms : $"{Essms} · {Unite}";
}

/// <param name="SansHabilitation">The professional holds no habilitation that opens records: the empty state says whom to ask.</param>
/// <param name="Tronquee">More people than one page shows: the search finds the others.</param>
public sealed record PersonnesDuJourModele(IReadOnlyList<LieuDuJour> Lieux, int Nombre, bool Tronquee, bool SansHabilitation);

/// <summary>
/// The people of my units today: the séjours under way (admitted, not exited) and those whose admission is planned
/// for today, in the ESSMS and units where I hold a role that opens records. A list of names in my own perimeter,
/// not the opening of a record: nothing is traced per person (each record traces its own opening).
/// </summary>
public sealed class PersonnesDuJour(OpenDuiDbContext db, PerimetreAcces perimetre, PresentsDuJour presents)
{
    /// <summary>A large unit or a whole EHPAD fits; beyond, the page says so and points to the search.</summary>
    public const int Maximum = 300;

    public async Task<PersonnesDuJourModele> LireAsync(CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        if (essms.Length == 0 && unites.Length == 0) return new([], 0, false, true);
        var aujourdhui = db.Aujourdhui;
        // The séjours under way (admitted, not exited) and those planned to start today, from the request's shared read.
        var lignes = (await presents.LireAsync(ct))
            .Where(s => s.DateSortie == null && (s.DateAdmission != null || s.DateAdmissionPrevue == aujourdhui))
            .OrderBy(l => l.Essms, StringComparer.Ordinal).ThenBy(l => l.Unite, StringComparer.Ordinal).ThenBy(l => l.Nom, StringComparer.Ordinal)
            .ThenBy(l => l.Prenom, StringComparer.Ordinal).ThenBy(l => l.UsagerId)
            .Take(Maximum + 1)
            .ToList();

        var tronquee = lignes.Count > Maximum;
        if (tronquee) lignes.RemoveAt(Maximum);
        var lieux = lignes
            .GroupBy(l => (l.Essms, l.Unite))
            .Select(g => new LieuDuJour(g.Key.Essms, g.Key.Unite, g.Select(l => new PersonneDuJour(l.UsagerId, l.Nom, l.Prenom,
                Age.Libelle(l.DateNaissance, aujourdhui), l.Modalite.Libelle(),
                l.DateAdmission is null ? "arrivée prévue aujourd'hui" : l.DateSortiePrevue == aujourdhui ? "sortie prévue aujourd'hui" : null)).ToList()))
            .ToList();
        return new(lieux, lignes.Count, tronquee, false);
    }
}

/// <summary>The first section of "Ma journée": who is here today, each row opening the person's record.</summary>
internal sealed class SectionPersonnes(PersonnesDuJour personnes) : ISectionJournee
{
    public async Task<SectionJournee?> LireAsync(CancellationToken ct) =>
        new(OrdreSection.Personnes, "/Features/Journee/_SectionPersonnes.cshtml", await personnes.LireAsync(ct));
}
