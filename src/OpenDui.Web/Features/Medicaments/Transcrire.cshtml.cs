using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>
/// A nurse transcribes a paper order: the prescription, the prescriber named on the order, and its scan or photo (filed in
/// the record's documents in the same transaction). The line is shown as "transcrite" everywhere.
/// </summary>
[Authorize(Policy = PolitiquesMedicaments.Transcrire)]
public sealed class TranscrireModel(GestionPrescriptions prescriptions, GestionDocuments documents, TimeProvider horloge)
    : PagePrescription(prescriptions, documents, horloge)
{
    [BindProperty] public string? PrescripteurNom { get; set; }
    [BindProperty] public string? PrescripteurRpps { get; set; }
    [BindProperty] public DateOnly? DateOrdonnance { get; set; }
    [BindProperty] public IFormFile? Fichier { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await ChargerAsync($"page /Medicaments/Transcrire?usager={Usager}", ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await ChargerAsync($"page POST /Medicaments/Transcrire?usager={Usager}", ct)) return NotFound();
        var t = new Transcription(F.Vers(Horloge), PrescripteurNom, PrescripteurRpps, DateOrdonnance);
        Resultat<PrescriptionCreee> r;
        if (Fichier is null) r = await Prescriptions.TranscrireAsync(Usager, t, "", Stream.Null, ct, sansScan: true);
        else
        {
            await using var flux = Fichier.OpenReadStream();
            r = await Prescriptions.TranscrireAsync(Usager, t, Fichier.FileName, flux, ct);
        }
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = "Ordonnance transcrite : le traitement est enregistré et le scan est joint aux documents du dossier.";
            return Redirect($"/Usagers/Dossier/{Usager}");
        }
        // The scan's own fields are not the form's "F".
        var e = new Erreurs();
        foreach (var champ in new[] { "prescripteurNom", "prescripteurRpps", "fichier" })
            foreach (var m in r.Erreurs.ParChamp.GetValueOrDefault(champ, [])) e.Ajouter(champ, m);
        ModelState.Reporter(e);
        Reporter(new Resultat<PrescriptionCreee>(r.Statut, null, Sans(r.Erreurs, "prescripteurNom", "prescripteurRpps", "fichier")));
        return Page();
    }

    private static Erreurs Sans(Erreurs e, params string[] champs)
    {
        var r = new Erreurs();
        foreach (var (champ, messages) in e.ParChamp.Where(p => !champs.Contains(p.Key)))
            foreach (var m in messages) r.Ajouter(champ, m);
        return r;
    }
}
