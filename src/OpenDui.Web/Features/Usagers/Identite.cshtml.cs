using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Interop.Insi;

namespace OpenDui.Web.Features.Usagers;

[Authorize(Policy = Politiques.GererAdmissions)]
public sealed class IdentiteModel(GestionIdentite gestion, OpenDuiDbContext db, PerimetreAcces perimetre, IOptions<InsiOptions> insi) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public IdentiteForm Identite { get; set; } = new();
    [BindProperty] public string? MatriculeIns { get; set; }
    [BindProperty] public string? OidIns { get; set; }
    [BindProperty] public bool Douteuse { get; set; }
    [BindProperty] public bool Fictive { get; set; }
    [BindProperty] public bool Homonyme { get; set; }
    [BindProperty] public uint Version { get; set; }
    [BindProperty] public TypeJustificatif? TypeJustificatif { get; set; }
    [BindProperty] public DateOnly? DateControle { get; set; }
    [BindProperty] public string? MotifRetrait { get; set; }
    public string Nom { get; private set; } = "";
    public StatutIdentite Statut { get; private set; }
    /// <summary>The INS came from INSi: shown, not editable (a new INSi search replaces it).</summary>
    public bool InsDeLInsi { get; private set; }
    public TypeJustificatif? JustificatifControle { get; private set; }
    public DateOnly? JustificatifDate { get; private set; }
    public bool AccepterOidTest => insi.Value.AccepterOidTest;

    public async Task<IActionResult> OnGetAsync([FromServices] Audit.JournalAcces journal, CancellationToken ct)
    {
        if (!await ChargerAsync(remplir: true, ct)) return NotFound();
        await journal.TracerLectureAsync(db, Id, $"page /Usagers/Identite/{Id}");
        DateControle = db.Aujourdhui;
        return Page();
    }

    public async Task<IActionResult> OnPostModifierAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var i = Identite;
        var r = await gestion.ModifierAsync(Id, new ModificationIdentite(i.NomNaissance, i.PrenomsNaissance, i.Sexe, i.DateNaissance, i.LieuNaissance,
            i.NomUtilise, i.PrenomUtilise, MatriculeIns, OidIns, Douteuse, Fictive, Homonyme, Version), ct);
        return await ApresAsync(r, "Identité enregistrée.", ct);
    }

    public async Task<IActionResult> OnPostJustificatifAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await gestion.ValiderAsync(Id, new ControleJustificatif(TypeJustificatif, DateControle), ct);
        if (!r.EstOk) { await ChargerAsync(remplir: true, ct); }
        return await ApresAsync(r, "Contrôle du justificatif enregistré.", ct);
    }

    public async Task<IActionResult> OnPostRetirerJustificatifAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await gestion.RetirerJustificatifAsync(Id, new RetraitJustificatif(MotifRetrait), ct);
        if (!r.EstOk) { await ChargerAsync(remplir: true, ct); }
        return await ApresAsync(r, "Vérification du justificatif retirée.", ct);
    }

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, string message, CancellationToken ct)
    {
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = message;
            return Redirect($"/Usagers/Dossier/{Id}");
        }
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(remplir: false, ct);
        return Page();
    }

    private async Task<bool> ChargerAsync(bool remplir, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(Id, Roles.GestionnairesAdmission, ct)) return false;
        var u = await gestion.UsagerAsync(Id, ct);
        Nom = u.NomAffiche;
        Statut = u.Statut;
        InsDeLInsi = u.RecupereeViaInsi && u.MatriculeIns is not null;
        (JustificatifControle, JustificatifDate) = (u.JustificatifType, u.JustificatifDate);
        if (remplir)
        {
            Identite = new IdentiteForm { NomNaissance = u.NomNaissance, PrenomsNaissance = u.PrenomsNaissance, Sexe = u.Sexe.ToString(), DateNaissance = u.DateNaissance,
                LieuNaissance = u.LieuNaissance, NomUtilise = u.NomUtilise, PrenomUtilise = u.PrenomUtilise };
            (MatriculeIns, OidIns, Douteuse, Fictive, Homonyme, Version) = (u.MatriculeIns, u.OidIns, u.Douteuse, u.Fictive, u.Homonyme, u.Version);
        }
        return true;
    }
}
