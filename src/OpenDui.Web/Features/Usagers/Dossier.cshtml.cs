using OpenDui.Web.Features.Sejours;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Usagers;

public sealed class DossierModel(DossierUsager dossier, PerimetreAcces perimetre, ChronologieDossier chronologie, OpenDuiDbContext db,
    IEnumerable<IPanneauDossier> panneaux, IEnumerable<IFaitDossier> faits) : PageModel
{
    public Dossier? Dossier { get; private set; }
    public VueChronologie Chronologie { get; private set; } = null!;
    public bool PeutGererIdentite { get; private set; }
    public bool PeutGererEntourage { get; private set; }
    public bool PeutAdmettre { get; private set; }
    public bool PeutExporterDonnees { get; private set; }
    /// <summary>What each module shows on the record, in page order.</summary>
    public List<PanneauDossier> Panneaux { get; } = [];
    /// <summary>The panels care needs first (projet, évaluations, transmissions…), shown right under the header.</summary>
    public IEnumerable<PanneauDossier> PanneauxSoins => Panneaux.Where(p => p.Ordre < OrdrePanneau.Sejours);
    /// <summary>The séjours and what a module places among them, before the entourage.</summary>
    public IEnumerable<PanneauDossier> PanneauxSejours => Panneaux.Where(p => p.Ordre is >= OrdrePanneau.Sejours and < OrdrePanneau.Entourage);
    /// <summary>After the entourage, before the timeline.</summary>
    public IEnumerable<PanneauDossier> PanneauxSuite => Panneaux.Where(p => p.Ordre is >= OrdrePanneau.Entourage and < OrdrePanneau.Identite);
    /// <summary>Identity details a module adds, beside the record's own.</summary>
    public IEnumerable<PanneauDossier> PanneauxIdentite => Panneaux.Where(p => p.Ordre >= OrdrePanneau.Identite);

    /// <summary>The modules' short facts for the header (GIR, référents, projet), in order.</summary>
    public List<FaitDossier> Faits { get; } = [];

    /// <summary>"87 ans", from the birth date and today in the establishments' time zone.</summary>
    public string Age { get; private set; } = "";
    /// <summary>Where the person is supported now (séjours under way, else the planned ones); empty when neither.</summary>
    public IReadOnlyList<SejourVue> SejoursActuels { get; private set; } = [];
    /// <summary>The last séjour when none is under way or planned (the person has left).</summary>
    public SejourVue? DernierSejour { get; private set; }
    public IReadOnlyList<MesureVue> MesuresEnCours { get; private set; } = [];
    /// <summary>Whom to call: the personne à prévenir and the personne de confiance.</summary>
    public IReadOnlyList<ContactVue> AContacter { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await dossier.LireAsync(id, $"page /Usagers/Dossier/{id}", ct);
        if (!r.EstOk) return NotFound();
        Dossier = r.Valeur!;
        Chronologie = await chronologie.VueAsync(id, new FiltreChronologie(), null, null, ct);
        Age = Usagers.Age.Libelle(Dossier.Identite.DateNaissance, db.Aujourdhui);
        SejoursActuels = Dossier.Sejours.Where(x => x.Statut == StatutSejour.EnCours).ToList() is { Count: > 0 } enCours ? enCours
            : Dossier.Sejours.Where(x => x.Statut == StatutSejour.Prevu).ToList();
        DernierSejour = SejoursActuels.Count == 0 ? Dossier.Sejours.FirstOrDefault(x => x.Statut == StatutSejour.Termine) : null;
        MesuresEnCours = Dossier.Mesures.Where(m => m.EnCours).ToList();
        AContacter = Dossier.Contacts.Where(c => (c.Roles & (RoleContact.PersonneAPrevenir | RoleContact.PersonneDeConfiance)) != 0).ToList();
        PeutGererIdentite = await perimetre.PeutAgirAsync(id, Roles.GestionnairesAdmission, ct);
        PeutAdmettre = PeutGererIdentite;
        PeutExporterDonnees = await perimetre.PeutAgirAsync(id, [Role.Direction, Role.ChefDeService], ct);
        PeutGererEntourage = await perimetre.PeutAgirAsync(id, Roles.GestionnairesEntourage, ct);
        var lus = new List<PanneauDossier>();
        foreach (var p in panneaux)
            if (await p.LireAsync(id, ct) is { } panneau) lus.Add(panneau);
        // OrderBy is stable (List.Sort is not): two panels of the same order keep their registration order.
        Panneaux.AddRange(lus.OrderBy(p => p.Ordre));
        var faitsLus = new List<FaitDossier>();
        foreach (var f in faits) faitsLus.AddRange(await f.LireAsync(id, ct));
        Faits.AddRange(faitsLus.OrderBy(f => f.Ordre));
        return Page();
    }

    /// <summary>The chronology's filter bar and its "voir plus" (htmx): the rows only.</summary>
    public async Task<IActionResult> OnGetChronologieAsync(Guid id, string? categorie, Guid? auteur, DateOnly? du, DateOnly? au, Guid? essms, string? q,
        string? avant, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(id, ct)) return NotFound();
        var vue = await chronologie.VueAsync(id, new FiltreChronologie(categorie, auteur, du, au, essms, q), avant, $"page /Usagers/Dossier/{id}?handler=Chronologie", ct);
        return Partial("_LignesChronologie", vue);
    }
}
