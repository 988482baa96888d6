using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Identitovigilance;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

public sealed record EtiquetteIdentite(Guid UsagerId, string NomNaissance, string Prenoms, string? NomUtilise, string? PrenomUtilise, DateOnly DateNaissance,
    Sexe Sexe, string? LieuNaissance, string StatutCode, string StatutLibelle, IReadOnlyList<IdentifiantSortant> Identifiants);

/// <summary>The identity header printed on documents and labels: the INS appears only when the identity is
/// qualified (decided by <see cref="IdentifiantsSortants"/>), always with the trust level.</summary>
public sealed class EtiquetteModel(OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal, IOptions<InsiOptions> insi) : PageModel
{
    public EtiquetteIdentite? Etiquette { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return NotFound();
        Etiquette = await ConstruireAsync(db, id, insi.Value.AccepterOidTest, ct);
        await journal.TracerLectureAsync(db, id, $"page /Usagers/Etiquette/{id}");
        return Page();
    }

    public static async Task<EtiquetteIdentite> ConstruireAsync(OpenDuiDbContext db, Guid id, bool accepterOidTest, CancellationToken ct)
    {
        var u = await db.Usagers.AsNoTracking().Include(x => x.IdentifiantsLocaux).ThenInclude(i => i.Essms).SingleAsync(x => x.Id == id, ct);
        return new EtiquetteIdentite(u.Id, u.NomNaissance, u.PrenomsNaissance, u.NomUtilise, u.PrenomUtilise, u.DateNaissance, u.Sexe, u.LieuNaissance,
            u.Statut.Code(), u.Statut.Libelle(), IdentifiantsSortants.Pour(u, u.IdentifiantsLocaux.Select(i => (i.Essms!.FinessEt, i)), accepterOidTest));
    }
}
