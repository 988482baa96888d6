using Microsoft.AspNetCore.Mvc;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Infrastructure.Securite;

namespace OpenDui.Programme.Features.CiblesUsage;

/// <summary>Import of a signed usage report (.jws file exported by the DUI) and the reports of the caller's scope, paged.</summary>
public sealed class RapportsModel(RapportsUsage rapports) : PageProgramme
{
    public PageRapports Liste { get; private set; } = new([], 0, 1, RapportsUsage.TaillePage);
    [BindProperty(SupportsGet = true)] public int NumeroPage { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public Guid? Candidature { get; set; }
    [BindProperty] public IFormFile? Fichier { get; set; }
    public bool PeutImporter => Acteur.Profil is Profil.Porteur or Profil.InstructeurArs or Profil.Cnsa;
    public string Dossier(Guid id) => Acteur.Profil == Profil.Porteur ? $"/Candidatures/Dossier/{id}" : $"/Instruction/Dossier/{id}";

    public async Task OnGetAsync() => Liste = await rapports.ListerAsync(Acteur, NumeroPage, Candidature);

    public async Task<IActionResult> OnPostAsync()
    {
        if (Fichier is null || Fichier.Length == 0)
        {
            ModelState.AddModelError("", "Choisissez le fichier .jws du rapport exporté par le DUI.");
            return await Echec();
        }
        if (Fichier.Length > Echanges.RapportsUsage.FormatRapportUsage.TailleMax)
        {
            ModelState.AddModelError("", "Ce fichier est trop volumineux pour un rapport d'usage (256 Ko au plus).");
            return await Echec();
        }
        using var lecteur = new StreamReader(Fichier.OpenReadStream());
        var jws = await lecteur.ReadToEndAsync();
        RapportUsage? importe = null;
        try
        {
            return await Executer(async () => importe = await rapports.ImporterAsync(Acteur, jws), () => RedirectToPage(new { Candidature = importe!.CandidatureId }),
                "Rapport vérifié et importé : les cibles d'usage du projet sont réévaluées.");
        }
        catch (RapportDejaImporteException e)
        {
            ModelState.AddModelError("", e.Message);
            return await Echec();
        }
    }

    public async Task<IActionResult> OnGetJwsAsync(Guid id)
    {
        try
        {
            var (jws, nom) = await rapports.JwsAsync(Acteur, id);
            return File(System.Text.Encoding.ASCII.GetBytes(jws), Echanges.RapportsUsage.FormatRapportUsage.TypeContenuHttp, nom);
        }
        catch (IntrouvableException) { return NotFound(); }
    }

    protected override async Task<IActionResult> Echec()
    {
        await OnGetAsync();
        return Page();
    }
}
