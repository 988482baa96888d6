using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Messagerie;

public sealed class RedactionForm
{
    public string? Destinataire { get; set; }
    public bool VersPatient { get; set; }
    public string? Objet { get; set; }
    public string? Corps { get; set; }
    public List<Guid> Documents { get; set; } = [];
    public Guid? ProjetVersionId { get; set; }
    public List<Guid> Lettres { get; set; } = [];
    public bool AccuseLecture { get; set; } = true;
    public Guid? EssmsId { get; set; }
}

/// <summary>Writes an MSSanté message from the record: recipient with address-book suggestions, the record's documents.</summary>
public sealed class NouveauModel(GestionMessagerie messagerie) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid UsagerId { get; set; }
    [BindProperty] public RedactionForm Redaction { get; set; } = new();
    public ChoixRedaction? Choix { get; private set; }
    public IReadOnlyList<AdresseCarnet> Suggestions { get; private set; } = [];

    /// <param name="lettre">A lettre de liaison to attach (the letter's page sends here); the subject says what it is.</param>
    public async Task<IActionResult> OnGetAsync(Guid? lettre, CancellationToken ct)
    {
        var page = await AfficherAsync($"page /Messagerie/Nouveau/{UsagerId}", ct);
        if (lettre is { } id && Choix?.Lettres.FirstOrDefault(l => l.Id == id) is { } l)
        {
            Redaction.Lettres.Add(l.Id);
            Redaction.Objet ??= $"{l.Titre} – {Choix.Personne}";
        }
        return page;
    }

    /// <summary>htmx: the address book's entries matching what is typed.</summary>
    /// <remarks>htmx sends the field itself (no script evaluation: the CSP forbids it); <c>q</c> for other callers.</remarks>
    public async Task<IActionResult> OnGetSuggestionsAsync([FromQuery(Name = "Redaction.Destinataire")] string? destinataire, string? q, CancellationToken ct)
    {
        Suggestions = await messagerie.CarnetAsync(destinataire ?? q, UsagerId, $"page /Messagerie/Nouveau/{UsagerId}?handler=Suggestions", ct);
        return Partial("_Suggestions", this);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await messagerie.EcrireAsync(UsagerId, new NouveauMessage(Redaction.Destinataire, Redaction.Objet, Redaction.Corps, Redaction.Documents,
            Redaction.ProjetVersionId, Redaction.VersPatient, Redaction.AccuseLecture, Redaction.EssmsId, Lettres: Redaction.Lettres), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Message enregistré : il part par la file d'envoi sécurisée, son état s'affiche sur le dossier.";
            return Redirect($"/Usagers/Dossier/{UsagerId}");
        }
        ModelState.Reporter(r.Erreurs, "Redaction");
        return await AfficherAsync($"page POST /Messagerie/Nouveau/{UsagerId}", ct);
    }

    private async Task<IActionResult> AfficherAsync(string ressource, CancellationToken ct)
    {
        var r = await messagerie.ChoixAsync(UsagerId, ressource, ct);
        if (!r.EstOk) return NotFound();
        Choix = r.Valeur;
        return Page();
    }
}
