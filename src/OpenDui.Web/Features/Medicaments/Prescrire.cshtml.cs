using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Api;

namespace OpenDui.Web.Features.Medicaments;

/// <summary>
/// What the prescription form holds, in the words of the page: named rounds as boxes, hours as text, dates as days, the
/// minimum interval in hours. <see cref="Vers"/> turns it into the use case's <see cref="NouvellePrescription"/>.
/// </summary>
public sealed class FormulairePrescription
{
    public static readonly string[] TourneesNommees = ["matin", "midi", "soir", "coucher"];
    public static readonly string[] JoursDeLaSemaine = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public string? Cis { get; set; }
    public string? CodeSubstance { get; set; }
    /// <summary>The name of the chosen drug, shown back after an error (the use case reads the reference itself).</summary>
    public string? Libelle { get; set; }
    public decimal? Dose { get; set; }
    public string? Unite { get; set; } = "comprimé";
    public string? Voie { get; set; } = "orale";
    public List<string> Tournees { get; set; } = [];
    /// <summary>Exact hours, "08:30; 14:00".</summary>
    public string? Heures { get; set; }
    public RythmeJours Rythme { get; set; } = RythmeJours.TousLesJours;
    public List<string> Jours { get; set; } = [];
    public int? IntervalleJours { get; set; }
    public DateOnly? Debut { get; set; }
    public DateOnly? Fin { get; set; }
    public bool SiBesoin { get; set; }
    public string? MotifSiBesoin { get; set; }
    public int? MaxPrisesPar24h { get; set; }
    public decimal? IntervalleMinimalHeures { get; set; }
    public string? Commentaire { get; set; }
    public string? MotifDerogation { get; set; }
    public Guid? SejourId { get; set; }

    /// <summary>A start today is "from now"; an end date ends at the last minute of that day (local time).</summary>
    public NouvellePrescription Vers(TimeProvider horloge)
    {
        var fuseau = horloge.LocalTimeZone;
        var aujourdhui = DateOnly.FromDateTime(horloge.GetLocalNow().DateTime);
        DateTimeOffset Instant(DateOnly d, TimeOnly h)
        {
            var local = d.ToDateTime(h);
            // PostgreSQL keeps instants in UTC only.
            return new DateTimeOffset(local, fuseau.GetUtcOffset(local)).ToUniversalTime();
        }
        var moments = string.Join(';', Tournees.Where(t => TourneesNommees.Contains(t)).Concat(
            (Heures ?? "").Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        return new NouvellePrescription(
            Cis is { Length: > 0 } ? Cis : null, CodeSubstance is { Length: > 0 } ? CodeSubstance : null, Dose, Unite, Voie, moments, Rythme,
            Rythme == RythmeJours.JoursDeLaSemaine ? Jours : null, Rythme == RythmeJours.TousLesNJours ? IntervalleJours : null,
            Debut is { } d && d > aujourdhui ? Instant(d, TimeOnly.MinValue) : null,
            Fin is { } f ? Instant(f, new TimeOnly(23, 59)) : null,
            SiBesoin, SiBesoin ? MotifSiBesoin : null, SiBesoin ? MaxPrisesPar24h : null,
            SiBesoin && IntervalleMinimalHeures is { } h ? (int)Math.Round(h * 60) : null, Commentaire, MotifDerogation, SejourId);
    }

    /// <summary>The form filled from a version, to modify it.</summary>
    public static FormulairePrescription De(PrescriptionVue p, TimeProvider horloge)
    {
        var moments = (p.Moments ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        return new FormulairePrescription
        {
            Cis = p.Cis, CodeSubstance = p.CodeSubstance, Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
            Tournees = moments.Where(m => TourneesNommees.Contains(m)).ToList(),
            Heures = string.Join("; ", moments.Where(m => !TourneesNommees.Contains(m))),
            Rythme = p.Rythme, Jours = p.JoursSemaine.ToList(), IntervalleJours = p.IntervalleJours,
            Fin = p.Fin is { } f ? DateOnly.FromDateTime(f.Locale(horloge).DateTime) : null,
            SiBesoin = p.SiBesoin, MotifSiBesoin = p.MotifSiBesoin, MaxPrisesPar24h = p.MaxPrisesPar24h,
            IntervalleMinimalHeures = p.IntervalleMinimalMinutes is { } i ? Math.Round(i / 60m, 2) : null, Commentaire = p.Commentaire,
        };
    }

    public string DoseTexte => Dose?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
    public string IntervalleTexte => IntervalleMinimalHeures?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// What the prescription pages show around the form: the person, the treatments in force, and the safety checks'
/// warnings of the last try (shown in place; the prescriber confirms with a reason or changes the prescription).
/// </summary>
public abstract class PagePrescription(GestionPrescriptions prescriptions, GestionDocuments documents, TimeProvider horloge) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Usager { get; set; }
    [BindProperty] public FormulairePrescription F { get; set; } = new();

    public string Personne { get; private set; } = "";
    public IReadOnlyList<PrescriptionVue> EnCours { get; private set; } = [];
    /// <summary>The safety checks' warnings of the last try: the prescription is not recorded until a reason is given.</summary>
    public IReadOnlyList<string> Alertes { get; private set; } = [];
    public TimeProvider Horloge => horloge;
    protected GestionPrescriptions Prescriptions => prescriptions;

    /// <summary>Loads the person and their treatments (one traced read); false when outside the reader's perimeter.</summary>
    protected async Task<bool> ChargerAsync(string ressource, CancellationToken ct)
    {
        var r = await prescriptions.ListerAsync(Usager, false, ressource, ct);
        if (!r.EstOk) return false;
        EnCours = r.Valeur!;
        Personne = await documents.PersonneAsync(Usager, ct);
        return true;
    }

    /// <summary>Shows a refused write: the warnings apart (with the reason field), the other errors in the summary.</summary>
    protected void Reporter<T>(Resultat<T> r)
    {
        var e = new Erreurs();
        foreach (var (champ, messages) in r.Erreurs.ParChamp)
        {
            if (r.Statut == StatutResultat.Conflit && champ == "alertes") { Alertes = messages; continue; }
            if (r.Statut == StatutResultat.Conflit && champ == "motifDerogation") continue;
            foreach (var m in messages) e.Ajouter(champ, m);
        }
        ModelState.Reporter(e, "F");
    }
}

/// <summary>A médecin prescribes for a person's current séjour, or modifies a line in force (<see cref="Modifier"/>).</summary>
[Authorize(Policy = PolitiquesMedicaments.Prescrire)]
public sealed class PrescrireModel(GestionPrescriptions prescriptions, GestionDocuments documents, TimeProvider horloge)
    : PagePrescription(prescriptions, documents, horloge)
{
    /// <summary>The version in force being modified, if any.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Modifier { get; set; }
    public PrescriptionVue? Modifiee { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await ChargerAsync($"page /Medicaments/Prescrire?usager={Usager}", ct)) return NotFound();
        if (Modifier is { } id)
        {
            Modifiee = EnCours.SingleOrDefault(p => p.Id == id);
            if (Modifiee is null) return NotFound();
            F = FormulairePrescription.De(Modifiee, Horloge);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await ChargerAsync($"page POST /Medicaments/Prescrire?usager={Usager}", ct)) return NotFound();
        if (Modifier is { } id && (Modifiee = EnCours.SingleOrDefault(p => p.Id == id)) is null) return NotFound();
        var n = F.Vers(Horloge);
        var r = Modifier is { } v ? await Prescriptions.ModifierAsync(v, n, ct) : await Prescriptions.PrescrireAsync(Usager, n, ct);
        if (r.Statut == StatutResultat.Introuvable) return NotFound();
        if (r.EstOk)
        {
            TempData["Message"] = (Modifier is null ? "Prescription enregistrée" : "Prescription modifiée : la nouvelle version remplace l'ancienne, conservée dans l'historique")
                + (r.Valeur!.AlertesAcceptees.Count > 0 ? ", avec les alertes maintenues et leur raison." : ".");
            return Redirect($"/Usagers/Dossier/{Usager}");
        }
        Reporter(r);
        return Page();
    }
}
