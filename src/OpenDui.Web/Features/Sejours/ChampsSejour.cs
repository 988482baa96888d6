using OpenDui.Web.Features.Structures;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Sejours;

/// <summary>The séjour fields of a form, with the ESSMS and units the user may admit into.</summary>
public sealed record ChampsSejour(NouveauSejourForm Valeurs, List<(Guid Id, string Nom)> Etablissements, List<(Guid Id, string Nom, string Essms)> Unites)
{
    public static async Task<ChampsSejour> ChargerAsync(OpenDuiDbContext db, PerimetreAcces perimetre, NouveauSejourForm valeurs, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.GestionnairesAdmission, ct);
        var e = await db.Essms.AsNoTracking().Where(x => x.Actif && (essms.Contains(x.Id) || x.Unites.Any(u => unites.Contains(u.Id))))
            .OrderBy(x => x.Nom).Select(x => new { x.Id, x.Nom }).ToListAsync(ct);
        var u = await db.Unites.AsNoTracking().Where(x => x.Active && (essms.Contains(x.EssmsId) || unites.Contains(x.Id)))
            .OrderBy(x => x.Essms!.Nom).ThenBy(x => x.Nom).Select(x => new { x.Id, x.Nom, Essms = x.Essms!.Nom }).ToListAsync(ct);
        return new ChampsSejour(valeurs, e.Select(x => (x.Id, x.Nom)).ToList(), u.Select(x => (x.Id, x.Nom, x.Essms)).ToList());
    }
}

/// <summary>Form binding of a new séjour.</summary>
public sealed class NouveauSejourForm
{
    public Guid EssmsId { get; set; }
    public Guid? UniteId { get; set; }
    public ModaliteAccueil Modalite { get; set; }
    public Provenance Provenance { get; set; }
    public DateOnly? DateAdmissionPrevue { get; set; }
    public DateOnly? DateAdmission { get; set; }
    public DateOnly? DateSortiePrevue { get; set; }

    public NouveauSejour VersCommande() => new(EssmsId, UniteId, DateAdmissionPrevue, DateSortiePrevue, Modalite, Provenance, DateAdmission);
}
