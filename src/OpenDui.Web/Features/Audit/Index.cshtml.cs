using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Audit;

public sealed class IndexModel(ConsultationAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)] public Journal Journal { get; set; } = Journal.Acces;
    [BindProperty(SupportsGet = true)] public Guid? UsagerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Auteur { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Du { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Au { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int NumeroPage { get; set; } = 1;
    public PageResultats<LigneAudit> Resultats { get; private set; } = new([], 1, 0, false);
    public Verification? Verification { get; private set; }

    private CritereAudit Critere => new(Journal, UsagerId, null, Auteur, Du, Au, NumeroPage);

    public async Task OnGetAsync(CancellationToken ct) => await RechercherAsync(ct);

    public async Task OnGetVerifierAsync(CancellationToken ct)
    {
        Verification = await audit.VerifierAsync(Journal, ct);
        await RechercherAsync(ct);
    }

    private async Task RechercherAsync(CancellationToken ct)
    {
        var r = await audit.RechercherAsync(Critere, ct);
        if (r.EstOk) { Resultats = r.Valeur!; return; }
        ModelState.Reporter(r.Erreurs);
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var bundle = await audit.ExporterFhirAsync(Critere, ct);
        return File(Encoding.UTF8.GetBytes(bundle.ToJsonString()), "application/fhir+json", $"audit-{Journal.ToString().ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMddHHmm}.json");
    }

    public string UrlPage(int page) => Url.Page("/Audit/Index", new { Journal, UsagerId, Auteur, Du, Au, page })!;
    public string UrlExport => Url.Page("/Audit/Index", "Export", new { Journal, UsagerId, Auteur, Du, Au })!;
}
