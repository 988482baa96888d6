using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Api;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed class ContactForm
{
    public string? Nom { get; set; }
    public string? Prenom { get; set; }
    public string? Lien { get; set; }
    public string? Telephone { get; set; }
    public string? Courriel { get; set; }
    public string? Adresse { get; set; }
}

public sealed class MesureForm
{
    public TypeMesureProtection? Type { get; set; }
    public DateOnly? DateDebut { get; set; }
    public DateOnly? DateFin { get; set; }
    public string? Mandataire { get; set; }
    public string? Juridiction { get; set; }
}

[Authorize(Policy = Politiques.GererEntourage)]
public sealed class EntourageModel(GestionEntourage gestion, OpenDuiDbContext db, PerimetreAcces perimetre, Audit.JournalAcces journal) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ContactForm Contact { get; set; } = new();
    [BindProperty] public List<RoleContact> RolesContact { get; set; } = [];
    [BindProperty] public MesureForm Mesure { get; set; } = new();
    public List<Contact> Contacts { get; private set; } = [];
    public List<MesureProtection> Mesures { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ChargerAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostContactAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var roles = RolesContact.Aggregate(RoleContact.Aucun, (a, r) => a | r);
        var c = Contact;
        return await ApresAsync(await gestion.AjouterContactAsync(Id, new NouveauContact(c.Nom, c.Prenom, c.Lien, roles, c.Telephone, c.Courriel, c.Adresse), ct), ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid contactId, CancellationToken ct) =>
        await ApresAsync(await gestion.RetirerContactAsync(Id, contactId, ct), ct);

    public async Task<IActionResult> OnPostMesureAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var m = Mesure;
        return await ApresAsync(await gestion.AjouterMesureAsync(Id, new NouvelleMesure(m.Type, m.DateDebut, m.DateFin, m.Mandataire, m.Juridiction), ct), ct);
    }

    private async Task<IActionResult> ApresAsync(Resultat<Guid> r, CancellationToken ct)
    {
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk) return Redirect($"/Usagers/Entourage/{Id}");
        ModelState.Reporter(r.Erreurs);
        await ChargerAsync(ct);
        return Page();
    }

    private async Task<bool> ChargerAsync(CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(Id, Roles.GestionnairesEntourage, ct)) return false;
        (Contacts, Mesures) = await gestion.LireAsync(Id, ct);
        // Every rendering shows contacts, measures and mandataire: traced once per request (GET or a form shown again).
        await journal.TracerLectureAsync(db, Id, $"page /Usagers/Entourage/{Id}");
        return true;
    }
}
