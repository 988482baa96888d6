using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>What a dose's fragment needs: the dose, the round it is on (where its forms post, <see cref="TourneeModel.Action"/>),
/// and a message (recorded, conflict, refusal).</summary>
public sealed record FragmentDose(DoseTournee Dose, Guid Unite, DateOnly Jour, Tournee Tournee, string? Message, bool Erreur);

/// <summary>What a "si besoin"'s fragment needs, as <see cref="FragmentDose"/>.</summary>
public sealed record FragmentSiBesoin(SiBesoinTournee SiBesoin, Guid Unite, DateOnly? Jour, Tournee? Tournee, string? Message, bool Erreur);

/// <summary>
/// The medication round of a unit on the tablet: each person, each dose due this round with one large tap for "Donnée" and a
/// small menu for the other outcomes, the "si besoin" available. Every action is a form the offline script may send
/// (header X-Hors-Ligne: 1): it then gets the dose's fragment back; without script, a post then a redirect.
/// </summary>
public sealed class TourneeModel(GestionAdministrations gestion, GestionPiluliers piluliers) : PageModel
{
    /// <summary>
    /// The address a dose's form posts to, written out rather than by the form tag helper: a round has two forms per dose, and
    /// generating each one's link through routing and its antiforgery field through the tag helper was a quarter of the page's
    /// CPU (bench/README.md, issue 14). The forms are written as plain HTML (&lt;!form&gt;) with the request's one token.
    /// </summary>
    public static string Action(string handler, Guid unite, DateOnly? jour, Tournee? tournee) => $"{Adresse(unite, jour, tournee)}&handler={handler}";

    /// <summary>The round's page of a unit, a day and a round.</summary>
    public static string Adresse(Guid unite, DateOnly? jour, Tournee? tournee) =>
        $"/Medicaments/Tournee?unite={unite}{(jour is { } j ? $"&jour={j:yyyy-MM-dd}" : "")}{(tournee is { } t ? $"&tournee={t}" : "")}";

    /// <summary>The view data naming the dose whose other outcomes the page writes out (<c>?autre=</c>, the page without script).</summary>
    public const string CleAutre = "autre";

    public const string EnTeteHorsLigne = "X-Hors-Ligne";

    [BindProperty(SupportsGet = true)] public Guid? Unite { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Jour { get; set; }
    [BindProperty(SupportsGet = true, Name = "tournee")] public Tournee? TourneeDemandee { get; set; }
    /// <summary>The dose (its element's id) whose other outcomes are written out: the "Autre…" link without script.</summary>
    [BindProperty(SupportsGet = true, Name = "autre")] public string? Autre { get; set; }
    public TourneeMedicaments? Vue { get; private set; }
    public IReadOnlyList<UniteTournee> Unites { get; private set; } = [];

    private bool HorsLigne => Request.Headers[EnTeteHorsLigne] == "1";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The list of my units only when none is asked (the tablet of a unit asks for its own, on every refresh).
        var unite = Unite;
        if (unite is null)
        {
            Unites = await gestion.MesUnitesAsync(ct);
            if (Unites.Count != 1) return Page();
            unite = Unites[0].Id;
        }
        var r = await gestion.TourneeAsync(unite.Value, Jour, TourneeDemandee, $"GET /Medicaments/Tournee?unite={unite}", ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (!r.EstOk) return BadRequest();
        Vue = r.Valeur;
        ViewData[CleAutre] = Autre;
        return Page();
    }

    /// <summary>Records a dose (planned: <paramref name="cle"/>; "si besoin": <paramref name="prescription"/>).</summary>
    public async Task<IActionResult> OnPostDoseAsync(string? cle, Guid? prescription, StatutAdministration? statut, string? motif, string? le, Guid? cleIdempotence,
        CancellationToken ct)
    {
        if (Unite is not { } unite) return BadRequest();
        DateTimeOffset? instant = null;
        if (!string.IsNullOrWhiteSpace(le))
        {
            if (DateTimeOffset.TryParse(le, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var i)) instant = i;
            else instant = DateTimeOffset.MinValue; // refused with the range message
        }
        var r = await gestion.EnregistrerAsync(new NouvelleAdministration(cle, prescription, statut, motif, instant, cleIdempotence), ct);
        var (code, message, erreur) = Issue(r);
        if (!HorsLigne)
        {
            if (r.Issue == IssueAdministration.Introuvable) return NotFound();
            TempData["MessageTournee"] = message;
            return Redirect(Adresse(unite));
        }
        if (CleDoseLue.TryLire(cle?.Trim(), out var lue))
        {
            // The dose's own day and round (the request may arrive later than the page was shown, from the offline queue).
            var tournee = HorairesTournees.TourneeDe(lue.Heure);
            var personne = await gestion.PersonneAsync(unite, lue.Jour, tournee, lue.VersionId, $"POST /Medicaments/Tournee?unite={unite}&handler=Dose", ct);
            if (personne?.Doses.FirstOrDefault(d => d.Cle == cle!.Trim()) is { } dose)
                return Fragment(new FragmentDose(dose, unite, lue.Jour, tournee, message, erreur), code);
        }
        else if (prescription is { } p)
        {
            var personne = await gestion.PersonneAsync(unite, Jour, TourneeDemandee, p, $"POST /Medicaments/Tournee?unite={unite}&handler=Dose", ct);
            if (personne?.SiBesoin.FirstOrDefault(s => s.Disponibilite.VersionId == p) is { } sb)
                return Fragment(new FragmentSiBesoin(sb, unite, Jour, TourneeDemandee, message, erreur), code);
        }
        return new ContentResult { StatusCode = code, ContentType = "text/html; charset=utf-8",
            Content = $"<p class=\"alerte{(erreur ? " erreur" : "")}\" role=\"status\">{System.Net.WebUtility.HtmlEncode(message)}</p>" };
    }

    /// <summary>Notes the effect of a "si besoin" given.</summary>
    public async Task<IActionResult> OnPostEffetAsync(Guid administration, Guid prescription, EffetSiBesoin? effet, string? note, CancellationToken ct)
    {
        if (Unite is not { } unite) return BadRequest();
        var r = await gestion.NoterEffetAsync(administration, new NouvelEffet(effet, note, null), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        var message = r.EstOk ? $"Effet noté : {effet!.Value.Libelle()}." : string.Join(" ", r.Erreurs.Messages);
        if (!HorsLigne)
        {
            TempData["MessageTournee"] = message;
            return Redirect(Adresse(unite));
        }
        var personne = await gestion.PersonneAsync(unite, Jour, TourneeDemandee, prescription, $"POST /Medicaments/Tournee?unite={unite}&handler=Effet", ct);
        var code = r.Statut switch { StatutResultat.Ok => 200, StatutResultat.Conflit => 409, _ => 400 };
        if (personne?.SiBesoin.FirstOrDefault(s => s.Disponibilite.VersionId == prescription) is { } sb)
            return Fragment(new FragmentSiBesoin(sb, unite, Jour, TourneeDemandee, message, !r.EstOk), code);
        return new ContentResult { StatusCode = code, ContentType = "text/html; charset=utf-8", Content = $"<p class=\"alerte\" role=\"status\">{System.Net.WebUtility.HtmlEncode(message)}</p>" };
    }

    /// <summary>Traces the preparation of the unit's pill organisers for the day shown (or the week from it).</summary>
    public async Task<IActionResult> OnPostPilulierAsync(PeriodePilulier? periode, CancellationToken ct)
    {
        if (Unite is not { } unite) return BadRequest();
        var r = await piluliers.PreparerAsync(unite, new NouvellePreparation(Jour, periode, null), ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["MessageTournee"] = r.EstOk ? "Préparation des piluliers enregistrée : une autre personne la vérifie." : string.Join(" ", r.Erreurs.Messages);
        return Redirect(Adresse(unite));
    }

    public async Task<IActionResult> OnPostVerificationAsync(Guid preparation, CancellationToken ct)
    {
        if (Unite is not { } unite) return BadRequest();
        var r = await piluliers.VerifierAsync(preparation, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        TempData["MessageTournee"] = r.EstOk ? "Vérification des piluliers enregistrée." : string.Join(" ", r.Erreurs.Messages);
        return Redirect(Adresse(unite));
    }

    /// <summary>One dose's or one "si besoin"'s fragment (_Tournee.cshtml), with the status of the post.</summary>
    private IActionResult Fragment(object modele, int code)
    {
        var p = Partial("/Features/Medicaments/_Tournee.cshtml", modele);
        p.StatusCode = code;
        return p;
    }

    private string Adresse(Guid unite) => Adresse(unite, Jour, TourneeDemandee);

    /// <summary>The HTTP status of the fragment: a refusal by the rule answers 422 (403 means "to be signed" to the offline script).</summary>
    public static (int Code, string Message, bool Erreur) Issue(ResultatAdministration r) => r.Issue switch
    {
        IssueAdministration.Enregistree => (200, $"Enregistré : {r.Administration!.StatutLibelle}{(r.Administration.AideALaPrise ? " (aide à la prise)" : "")}.", false),
        IssueAdministration.Rejouee => (200, $"Déjà enregistré : {r.Administration!.StatutLibelle}.", false),
        IssueAdministration.DejaEnregistree => (409, string.Join(" ", r.Erreurs.Messages), true),
        IssueAdministration.Invalide => (400, string.Join(" ", r.Erreurs.Messages), true),
        IssueAdministration.Introuvable => (404, Resultat.MessageIntrouvable, true),
        _ => (422, string.Join(" ", r.Erreurs.Messages), true),
    };
}
