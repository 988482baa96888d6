using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace OpenDui.Web.Features.Admission;

public sealed record NouvelleOrientation(TypeDecision? Type, string? CategorieFiness, string? Libelle, string? Autorite, string? NumeroDecision,
    string? IdentifiantNational, DateOnly? Debut, DateOnly? Fin);

/// <summary>Where the person stands in one ESSMS for this decision: the request's step and its national status (TRE_R357).</summary>
public sealed record SuiviDemande(Guid DemandeId, string Essms, StatutDemande Statut, string StatutLibelle, string CodeNational, string LibelleNational);

public sealed record OrientationVue(Guid Id, TypeDecision Type, string TypeLibelle, string? CategorieFiness, string Libelle, string? Autorite,
    string? NumeroDecision, string? IdentifiantNational, DateOnly Debut, DateOnly? Fin, DateOnly? DateRenouvellement, string Etat, bool ARenouveler,
    IReadOnlyList<SuiviDemande> Suivi);

public sealed record CategorieOrientation(string Code, string Libelle);

/// <summary>The record's panel: the person's decisions, and the form to add one for those who manage admissions.</summary>
public sealed record PanneauOrientationsModele(Guid UsagerId, IReadOnlyList<OrientationVue> Orientations, bool PeutAjouter, IReadOnlyList<CategorieOrientation> Categories);

/// <summary>
/// The person's orientations and notifications (CDAPH orientation, aide sociale, APA, PCH) with their validity, read like
/// the record and added by those who manage admissions where the person stays; each orientation's follow-up exported
/// in the ANS guide's FHIR form ("Suivi des décisions d'orientation", ESMSTask in an ESMSBundleResultatRechercheNotificationESMS).
/// </summary>
public sealed class GestionOrientations(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal)
{
    public const string ProfilTask = "https://interop.esante.gouv.fr/ig/fhir/sdo/StructureDefinition/esms-task";
    public const string ProfilBundle = "https://interop.esante.gouv.fr/ig/fhir/sdo/StructureDefinition/esms-bundle-resultat-recherche-notification-esms";
    public const string SystemeInput = "https://interop.esante.gouv.fr/ig/fhir/sdo/CodeSystem/input-task-sdo-codesystem";
    /// <summary>National structure identifiers (idNatStruct: 1 + FINESS).</summary>
    public const string SystemeIdNatStruct = "urn:oid:1.2.250.1.71.4.2.2";

    /// <summary>The médico-social FINESS categories an orientation may target.</summary>
    public static IReadOnlyList<CategorieOrientation> Categories { get; } =
        Referentiels.Courant.CategoriesMedicoSociales.Select(c => new CategorieOrientation(c.Code, c.Libelle)).ToList();

    public async Task<Resultat<IReadOnlyList<OrientationVue>>> ListerAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<IReadOnlyList<OrientationVue>>.Introuvable();
        var vues = await VuesAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<IReadOnlyList<OrientationVue>>.Ok(vues);
    }

    /// <summary>For the record page (its opening was traced already).</summary>
    public async Task<PanneauOrientationsModele?> PanneauAsync(Guid usagerId, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return null;
        var peutAjouter = await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct);
        var vues = await VuesAsync(usagerId, ct);
        return vues.Count == 0 && !peutAjouter ? null : new PanneauOrientationsModele(usagerId, vues, peutAjouter, Categories);
    }

    private async Task<IReadOnlyList<OrientationVue>> VuesAsync(Guid usagerId, CancellationToken ct)
    {
        var orientations = await db.Orientations.AsNoTracking().Where(o => o.UsagerId == usagerId).ToListAsync(ct);
        var ids = orientations.Select(o => o.Id).ToList();
        var suivis = await SuivisAsync(ids, ct);
        var aujourdhui = db.Aujourdhui;
        return orientations.OrderByDescending(o => o.EnVigueur(aujourdhui)).ThenByDescending(o => o.Debut)
            .Select(o => new OrientationVue(o.Id, o.Type, o.Type.Libelle(), o.CategorieFiness, o.Libelle, o.Autorite, o.NumeroDecision, o.IdentifiantNational,
                o.Debut, o.Fin, o.DateRenouvellement, Etat(o, aujourdhui), o.DateRenouvellement <= aujourdhui && !(o.Fin < aujourdhui),
                suivis.Where(s => s.OrientationId == o.Id).Select(s => s.Suivi).ToList()))
            .ToList();
    }

    /// <summary>Its validity in plain words.</summary>
    public static string Etat(Orientation o, DateOnly aujourdhui) => o switch
    {
        { Fin: { } f } when f < aujourdhui => $"terminée le {f:dd/MM/yyyy}",
        _ when o.Debut > aujourdhui => $"à partir du {o.Debut:dd/MM/yyyy}",
        { Fin: null } => "en vigueur, sans date de fin",
        { DateRenouvellement: { } r } when r <= aujourdhui => $"à renouveler : se termine le {o.Fin:dd/MM/yyyy}",
        _ => $"en vigueur jusqu'au {o.Fin:dd/MM/yyyy}, renouvellement à demander dès le {o.DateRenouvellement:dd/MM/yyyy}",
    };

    private async Task<List<(Guid OrientationId, SuiviDemande Suivi, Guid EssmsId, DateOnly Date, string? Motif)>> SuivisAsync(List<Guid> orientations, CancellationToken ct)
    {
        var lignes = await (from d in db.DemandesAdmission.AsNoTracking()
                            where d.OrientationId != null && orientations.Contains(d.OrientationId.Value)
                            join e in db.Essms on d.EssmsId equals e.Id
                            join s in db.Sejours on d.SejourId equals s.Id into ss
                            from s in ss.DefaultIfEmpty()
                            select new { Demande = d, Essms = e.Nom, e.Id, Sejour = s }).ToListAsync(ct);
        return lignes.Select(l =>
        {
            var national = SuiviOrientation.De(l.Demande.Statut, l.Sejour?.Statut);
            var date = l.Sejour switch
            {
                { DateSortie: { } so } when national == StatutSuiviOrientation.UsagerSorti => so,
                { DateAdmission: { } a } when national == StatutSuiviOrientation.UsagerEntre => a,
                _ => l.Demande.DateDecision ?? l.Demande.DateEntretien ?? l.Demande.RecueLe,
            };
            return (l.Demande.OrientationId!.Value, new SuiviDemande(l.Demande.Id, l.Essms, l.Demande.Statut, l.Demande.Statut.Libelle(), national.Code(), national.Libelle()),
                l.Id, date, l.Demande.MotifRefus ?? l.Demande.Reorientation);
        }).ToList();
    }

    public async Task<Resultat<Guid>> AjouterAsync(Guid usagerId, NouvelleOrientation n, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<Guid>.Introuvable();
        if (!await perimetre.PeutAgirAsync(usagerId, Roles.GestionnairesAdmission, ct))
            return Resultat<Guid>.Interdit("Seuls ceux qui gèrent les admissions de l'établissement de la personne enregistrent ses décisions.");
        var e = new Erreurs();
        var code = string.IsNullOrWhiteSpace(n.CategorieFiness) ? null : n.CategorieFiness.Trim();
        string? libelleCategorie = null;
        if (code is not null && !Referentiels.Courant.Categories.TryGetValue(code, out var categorie))
            e.Ajouter(nameof(n.CategorieFiness), "Catégorie FINESS inconnue.");
        else if (code is not null) libelleCategorie = Referentiels.Courant.Categories[code].Libelle;
        if (n.Type is null) e.Ajouter(nameof(n.Type), "Indiquez le type de décision.");
        if (n.Debut is null) e.Ajouter(nameof(n.Debut), "La date de début de validité est obligatoire.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var o = new Orientation
        {
            UsagerId = usagerId, Type = n.Type!.Value, CategorieFiness = code,
            Libelle = (string.IsNullOrWhiteSpace(n.Libelle) ? libelleCategorie : n.Libelle.Trim()) ?? "",
            Autorite = Texte(n.Autorite), NumeroDecision = Texte(n.NumeroDecision), IdentifiantNational = Texte(n.IdentifiantNational),
            Debut = n.Debut!.Value, Fin = n.Fin, CreeLe = db.Maintenant,
        };
        e = o.Verifier();
        if (e.Any) return Resultat<Guid>.Invalide(e);
        db.Orientations.Add(o);
        db.Noter(usagerId, "Orientation", $"{o.Type.Libelle()} : {o.Libelle}, valable du {o.Debut:dd/MM/yyyy}" + (o.Fin is { } f ? $" au {f:dd/MM/yyyy}" : ""));
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(o.Id);
    }

    private static string? Texte(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The decision's follow-up in the guide's FHIR form: a searchset Bundle (profile ESMSBundleResultatRechercheNotificationESMS)
    /// with one ESMSTask per ESSMS that received a request on this decision, carrying the person's status there (statutESMS,
    /// TRE_R357) and its date, the decision's identifiers (idDecision, idNat_Decision) and the ESSMS's (idNat_Struct = 1 + FINESS).
    /// Only the ESSMS of the reader's perimeter are shown; the reading is traced like the record's.
    /// </summary>
    public async Task<Resultat<string>> FhirAsync(Guid orientationId, string ressource, CancellationToken ct)
    {
        var o = await db.Orientations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == orientationId, ct);
        if (o is null || !await perimetre.PeutLireAsync(o.UsagerId, ct)) return Resultat<string>.Introuvable();
        var (essmsVisibles, _) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        var suivis = (await SuivisAsync([o.Id], ct)).Where(s => essmsVisibles.Contains(s.EssmsId)).ToList();
        var essmsIds = suivis.Select(s => s.EssmsId).Distinct().ToList();
        var finess = await db.Essms.AsNoTracking().Where(e => essmsIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.FinessEt, ct);
        var maintenant = db.Maintenant;
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { Profile = [ProfilBundle], LastUpdated = maintenant },
            Type = Bundle.BundleType.Searchset,
            Total = suivis.Count,
        };
        foreach (var s in suivis)
        {
            var task = Tache(o, s.Suivi, finess[s.EssmsId], s.Date, s.Motif, maintenant);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{task.Id}", Resource = task, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        await journal.TracerLectureAsync(db, o.UsagerId, ressource);
        return Resultat<string>.Ok(bundle.ToJson());
    }

    private static FhirTask Tache(Orientation o, SuiviDemande s, string finess, DateOnly date, string? motif, DateTimeOffset maintenant)
    {
        static Coding Entree(string code) => new(SystemeInput, code);
        var t = new FhirTask
        {
            Id = s.DemandeId.ToString(),
            Meta = new Meta { Profile = [ProfilTask], LastUpdated = maintenant },
            Status = FhirTask.TaskStatus.Completed,
            Intent = FhirTask.TaskIntent.Plan,
            // The refusal's reason or the redirection, in words (the guide's Task.description).
            Description = motif,
        };
        void Ajouter(string code, DataType valeur) => t.Input.Add(new FhirTask.ParameterComponent { Type = new CodeableConcept { Coding = [Entree(code)], Text = code }, Value = valeur });
        Ajouter("idNat_Struct", new Identifier(SystemeIdNatStruct, "1" + finess));
        Ajouter("nomESMS", new FhirString(s.Essms));
        Ajouter("statutESMS", new CodeableConcept { Coding = [new Coding(SuiviOrientation.SystemeStatut, s.CodeNational, s.LibelleNational)], Text = s.LibelleNational });
        Ajouter("dateStatutESMS", new Date(date.Year, date.Month, date.Day));
        Ajouter("idDecision", new Identifier { Value = o.NumeroDecision ?? o.Id.ToString() });
        // Without ViaTrajectoire's national id, the decision is named by our own id (a URN), never by a made-up national one.
        Ajouter("idNat_Decision", o.IdentifiantNational is { } n ? new Identifier { Value = n } : new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{o.Id}"));
        return t;
    }
}
