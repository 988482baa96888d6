using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Journee;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Projets;

// ---- What the API and pages send ----

public sealed record SaisieBesoin(string? Code, string? Libelle, string? Precision);
public sealed record SaisiePrestation(string? Code, string? Libelle, string? Precision);
public sealed record SaisieParticipant(QualiteParticipant? Qualite, string? Nom, string? Fonction, Guid? ProfessionnelId);
public sealed record SaisieReunion(DateOnly? Date, IReadOnlyList<string>? Presents, bool PersonnePresente, string? ParoleDeLaPersonne);
/// <param name="PorteurId">A professional of the ESSMS who carries the action; or <paramref name="Porteur"/> in words ("la personne", "sa fille").</param>
public sealed record SaisieAction(string? Libelle, string? Moyens, Guid? PorteurId, string? Porteur, DateOnly? Echeance);
/// <param name="Suivi">The objective this one continues (kept by a revision); null for a new objective.</param>
public sealed record SaisieObjectif(Guid? Suivi, string? Libelle, DateOnly? Horizon, string? Critere, ResultatObjectif? Bilan, string? BilanCommentaire,
    IReadOnlyList<SaisieAction>? Actions);

/// <summary>The whole content of a draft, sent as one document (the form, or an API client): it replaces the draft's content.</summary>
public sealed record SaisieVersion(TypeProjet? Type, string? Attentes, IReadOnlyList<SaisieBesoin>? Besoins, IReadOnlyList<SaisiePrestation>? Prestations,
    IReadOnlyList<SaisieObjectif>? Objectifs, IReadOnlyList<SaisieParticipant>? Participants, SaisieReunion? Reunion);

/// <param name="Type">Required for the first projet of a séjour; a revision keeps the type of the version it revises unless given.</param>
public sealed record NouvelleVersion(TypeProjet? Type);

/// <summary>Validating a draft: the person's agreement (how, when, with their legal representative) and the structure's (the validator).</summary>
/// <param name="InvisiblePourLaPersonne">When the projet goes to the person's DMP: sent hidden from the person (e.g. to be
/// explained to them first); the professionals still see it.</param>
public sealed record ValidationVersion(DateOnly? DateAccord, ModaliteAccord? Modalite, string? RepresentantLegal, string? Commentaire,
    bool InvisiblePourLaPersonne = false);

/// <summary>A version just validated, before the save: a module that shares it (the DMP) adds its rows to the same unit of
/// work, so the validation and what it sends are written in one transaction.</summary>
/// <param name="PdfAsync">The version as the PDF/A document for the person (drawn on demand).</param>
public sealed record ProjetValide(Guid UsagerId, Guid EssmsId, Guid SejourId, Guid ProjetId, Guid VersionId, int Numero, string Titre,
    DateOnly DateEffet, DateTimeOffset ValideLe, Guid? ValideParId, string ValideParNom, bool InvisiblePourLaPersonne,
    Func<CancellationToken, Task<byte[]>> PdfAsync);

/// <summary>What a module does when a projet version is validated (registered in its Module.cs); it adds rows to the
/// context without saving.</summary>
public interface ISuiteValidationProjet
{
    Task ApresValidationAsync(ProjetValide projet, CancellationToken ct);
}

public sealed record DesignationReferents(IReadOnlyList<Guid>? ProfessionnelIds);

// ---- What they read ----

public sealed record ActionVue(Guid Id, string Libelle, string? Moyens, Guid? PorteurId, string? Porteur, DateOnly? Echeance);
public sealed record ObjectifVue(Guid Id, Guid Suivi, string Libelle, DateOnly? Horizon, string? Critere, ResultatObjectif? Bilan, string? BilanLibelle,
    string? BilanCommentaire, IReadOnlyList<ActionVue> Actions);
public sealed record VersionResume(Guid Id, int Numero, StatutVersion Statut, string StatutLibelle, TypeProjet Type, DateTimeOffset CreeLe, string CreeParNom,
    DateOnly? DateEffet, string? ValideParNom, bool EnVigueur);
public sealed record VersionVue(Guid Id, Guid ProjetId, Guid SejourId, Guid UsagerId, int Numero, StatutVersion Statut, string StatutLibelle, TypeProjet Type,
    string TypeLibelle, string? Attentes, IReadOnlyList<Besoin> Besoins, IReadOnlyList<Prestation> Prestations, IReadOnlyList<ObjectifVue> Objectifs,
    IReadOnlyList<Participant> Participants, Reunion? Reunion, AccordPersonne? AccordPersonne, AccordStructure? AccordStructure,
    DateTimeOffset CreeLe, string CreeParNom, DateTimeOffset? ValideLe, string? ValideParNom, DateOnly? DateEffet, Guid? ReviseVersionId, bool EnVigueur);
public sealed record ReferentVue(Guid Id, string Nom);
public sealed record ProfessionnelPossible(Guid Id, string Nom, string Fonction);
public sealed record EditionVersion(VersionVue Version, string Personne, string Essms, bool SerafinPh, IReadOnlyList<ProfessionnelPossible> Equipe,
    bool PeutValider, bool RepresentantRequis);

/// <param name="SerafinPh">A disability service: needs and prestations are chosen in the SERAFIN-PH nomenclature.</param>
/// <param name="RepresentantRequis">Under tutelle (or habilitation familiale) or a minor: the agreement names the legal representative.</param>
public sealed record ProjetVue(Guid SejourId, Guid UsagerId, string Personne, Guid EssmsId, string Essms, bool SerafinPh, DateOnly? DateAdmission,
    StatutSejour StatutSejour, Guid? ProjetId, IReadOnlyList<ReferentVue> Referents, EcheanceProjet Echeance, VersionVue? EnVigueur, VersionResume? Brouillon,
    IReadOnlyList<VersionResume> Versions, bool PeutEcrire, bool PeutValider, bool PeutDesignerReferents, bool RepresentantRequis);

public sealed record LigneEcheance(Guid SejourId, Guid UsagerId, string Personne, Guid EssmsId, string Essms, string? Unite, DateOnly DateAdmission,
    EcheanceProjet Echeance, IReadOnlyList<ReferentVue> Referents);

public sealed record ActionAFaire(Guid ActionId, Guid SejourId, Guid UsagerId, string Personne, string Objectif, string Libelle, string? Moyens, DateOnly Echeance);

/// <summary>A séjour's projet in a few words, for other modules (the record page, "Ma journée"...).</summary>
public sealed record ResumeProjet(Guid SejourId, Guid EssmsId, string Essms, Guid? ProjetId, TypeProjet? Type, int? Numero, DateOnly? DateEffet,
    int Objectifs, bool BrouillonEnCours, EcheanceProjet Echeance, IReadOnlyList<ReferentVue> Referents);

/// <summary>
/// The projets personnalisés of séjours: reading (traced), writing drafts, validating with the agreements, revising,
/// naming référents, and the deadlines. A projet is reached through its séjour: the reader must hold a role that opens
/// records in the séjour's ESSMS (or its unit); otherwise it does not exist for them (404).
/// </summary>
public sealed partial class GestionProjets(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, BesoinsEvalues besoinsEvalues,
    SejoursDuDossier sejoursDuDossier, IEnumerable<ISuiteValidationProjet> suitesValidation, LecturesEnMemoire lectures)
{
    /// <summary>Roles that write the projet (its référent too, whatever their role).</summary>
    public static readonly Role[] Redacteurs =
        [Role.Direction, Role.ChefDeService, Role.Educateur, Role.Infirmier, Role.Psychologue, Role.TravailleurSocial, Role.Medecin];

    /// <summary>Roles that validate it (its référent too) and name its référents.</summary>
    public static readonly Role[] Valideurs = [Role.Direction, Role.ChefDeService];

    /// <summary>Roles a référent may hold in the ESSMS: the team that accompanies the person day to day.</summary>
    public static readonly Role[] Referents =
        [Role.ChefDeService, Role.Educateur, Role.Infirmier, Role.AideSoignant, Role.Psychologue, Role.TravailleurSocial, Role.Medecin];

    /// <summary>Every role that may act on some projet (writers, validators, référents): the module's policies.</summary>
    public static readonly Role[] Acteurs = Redacteurs.Concat(Valideurs).Concat(Referents).Distinct().ToArray();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private sealed record Acces(Sejour Sejour, HashSet<Role> Roles, bool Referent, ProjetPersonnalise? Projet)
    {
        public bool PeutEcrire => Referent || Roles.Overlaps(Redacteurs);
        public bool PeutValider => Referent || Roles.Overlaps(Valideurs);
        public bool PeutDesigner => Roles.Overlaps(Valideurs);
    }

    /// <summary>The séjour and what the current user may do on its projet; null when it is outside their perimeter.</summary>
    private async Task<Acces?> AccesAsync(Guid sejourId, CancellationToken ct)
    {
        var sejour = await db.Sejours.AsNoTracking().Include(s => s.Essms).SingleOrDefaultAsync(s => s.Id == sejourId && !s.Annule, ct);
        if (sejour is null) return null;
        var habilitations = await perimetre.HabilitationsAsync(ct);
        var roles = habilitations.Where(h => h.EssmsId == sejour.EssmsId && (h.UniteId is null || h.UniteId == sejour.UniteId) && h.Role.OuvreLesDossiers())
            .Select(h => h.Role).ToHashSet();
        if (roles.Count == 0) return null;
        var projet = await db.Projets.SingleOrDefaultAsync(p => p.SejourId == sejourId, ct);
        var moi = db.Auteur.Id;
        var referent = projet is not null && moi is not null && await db.ReferentsProjet.AnyAsync(r => r.ProjetId == projet.Id && r.ProfessionnelId == moi, ct);
        return new Acces(sejour, roles, referent, projet);
    }

    private async Task<(VersionProjet Version, Acces Acces)?> VersionAsync(Guid versionId, CancellationToken ct)
    {
        var v = await db.VersionsProjet.SingleOrDefaultAsync(x => x.Id == versionId, ct);
        if (v is null) return null;
        var sejourId = await db.Projets.Where(p => p.Id == v.ProjetId).Select(p => p.SejourId).SingleAsync(ct);
        return await AccesAsync(sejourId, ct) is { } a ? (v, a) : null;
    }

    // ---------------- Reading ----------------

    /// <summary>The séjour's projet: the version in force in full, the draft, the history, référents and deadline. Traced.</summary>
    public async Task<Resultat<ProjetVue>> LireAsync(Guid sejourId, string ressource, CancellationToken ct)
    {
        if (await AccesAsync(sejourId, ct) is not { } a) return Resultat<ProjetVue>.Introuvable();
        var vue = await VueAsync(a, ct);
        await journal.TracerLectureAsync(db, a.Sejour.UsagerId, ressource);
        return Resultat<ProjetVue>.Ok(vue);
    }

    private async Task<ProjetVue> VueAsync(Acces a, CancellationToken ct)
    {
        var s = a.Sejour;
        var personne = await NomPersonneAsync(s.UsagerId, ct);
        var versions = a.Projet is null ? [] : await ResumesAsync(a.Projet, ct);
        var enVigueur = a.Projet?.VersionEnVigueurId is { } id ? await VueVersionAsync(await db.VersionsProjet.AsNoTracking().SingleAsync(v => v.Id == id, ct), a, ct) : null;
        var referents = a.Projet is null ? [] : await ReferentsAsync([a.Projet.Id], ct);
        return new ProjetVue(s.Id, s.UsagerId, personne, s.EssmsId, s.Essms!.Nom, s.Essms.ChampActivite == ChampActivite.PH, s.DateAdmission, s.Statut,
            a.Projet?.Id, referents.GetValueOrDefault(a.Projet?.Id ?? Guid.Empty, []), Echeance(s, a.Projet), enVigueur,
            versions.FirstOrDefault(v => v.Statut == StatutVersion.Brouillon), versions, a.PeutEcrire, a.PeutValider, a.PeutDesigner,
            await RepresentantRequisAsync(s.UsagerId, db.Aujourdhui, ct));
    }

    /// <summary>One version (any, old ones included), as it was validated. Traced.</summary>
    public async Task<Resultat<VersionVue>> LireVersionAsync(Guid versionId, string ressource, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<VersionVue>.Introuvable();
        var vue = await VueVersionAsync(v, a, ct);
        await journal.TracerLectureAsync(db, v.UsagerId, ressource);
        return Resultat<VersionVue>.Ok(vue);
    }

    /// <summary>A version as a PDF for the person and their family; null when out of reach. Traced (it shows the record).</summary>
    public async Task<FichierPdf?> PdfAsync(Guid versionId, string ressource, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return null;
        var fichier = await PdfVersionAsync(v, a, ct);
        await journal.TracerLectureAsync(db, v.UsagerId, ressource);
        return fichier;
    }

    private async Task<FichierPdf> PdfVersionAsync(VersionProjet v, Acces a, CancellationToken ct)
    {
        var vue = await VueVersionAsync(v, a, ct);
        var personne = await NomPersonneAsync(v.UsagerId, ct);
        var referents = (await ReferentsAsync([v.ProjetId], ct)).GetValueOrDefault(v.ProjetId, []);
        var octets = PdfProjet.Generer(vue, personne, a.Sejour.Essms!.Nom, referents,
            v.DateEffet is { } effet ? EcheancesProjet.Calculer(a.Sejour.DateAdmission, a.Sejour.DateSortie, false, effet, db.Aujourdhui) : Echeance(a.Sejour, a.Projet));
        return new FichierPdf(octets, $"projet-personnalise-v{v.Numero}.pdf");
    }

    /// <summary>The versions of a projet, newest first. Traced.</summary>
    public async Task<Resultat<IReadOnlyList<VersionResume>>> ListerVersionsAsync(Guid projetId, string ressource, CancellationToken ct)
    {
        var sejourId = await db.Projets.Where(p => p.Id == projetId).Select(p => (Guid?)p.SejourId).SingleOrDefaultAsync(ct);
        if (sejourId is null || await AccesAsync(sejourId.Value, ct) is not { Projet: { } projet } a) return Resultat<IReadOnlyList<VersionResume>>.Introuvable();
        var versions = await ResumesAsync(projet, ct);
        await journal.TracerLectureAsync(db, a.Sejour.UsagerId, ressource);
        return Resultat<IReadOnlyList<VersionResume>>.Ok(versions);
    }

    /// <summary>The projets of the person's séjours this reader may see, in a few words. Traced.</summary>
    public async Task<Resultat<IReadOnlyList<ResumeProjet>>> ProjetsDuDossierAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<IReadOnlyList<ResumeProjet>>.Introuvable();
        var resumes = await ResumesDuDossierAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<IReadOnlyList<ResumeProjet>>.Ok(resumes);
    }

    /// <summary>
    /// For other modules (the record page has checked and traced the opening): the projet of each current or planned séjour
    /// of the person in which the reader holds a role, with its deadline and référents. Not traced.
    /// </summary>
    public async Task<IReadOnlyList<ResumeProjet>> ResumesDuDossierAsync(Guid usagerId, CancellationToken ct)
    {
        // The record page asks twice (its panel and its header's facts): one read per request.
        if (_resumes.TryGetValue(usagerId, out var lus)) return lus;
        return _resumes[usagerId] = await LireResumesAsync(usagerId, ct);
    }

    private readonly Dictionary<Guid, IReadOnlyList<ResumeProjet>> _resumes = [];

    private async Task<IReadOnlyList<ResumeProjet>> LireResumesAsync(Guid usagerId, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        // The séjours as the record page read them (once per request, newest first), kept to the reader's ESSMS and units.
        var sejours = (await sejoursDuDossier.LireAsync(usagerId, ct))
            .Where(s => s.Statut != StatutSejour.Annule && (essms.Contains(s.EssmsId) || (s.UniteId is { } u && unites.Contains(u)))).ToList();
        var ids = sejours.Select(s => s.Id).ToList();
        var parSejour = ids.Count == 0 ? [] : await db.Projets.AsNoTracking().Where(p => ids.Contains(p.SejourId)).ToDictionaryAsync(p => p.SejourId, ct);
        var lignes = sejours.Select(s => new { Sejour = s, Projet = parSejour.GetValueOrDefault(s.Id) }).ToList();
        var projets = lignes.Where(l => l.Projet is not null).Select(l => l.Projet!.Id).ToList();
        var referents = await ReferentsAsync(projets, ct);
        var enVigueur = lignes.Where(l => l.Projet?.VersionEnVigueurId is not null).Select(l => l.Projet!.VersionEnVigueurId!.Value).ToList();
        var versions = await db.VersionsProjet.AsNoTracking().Where(v => enVigueur.Contains(v.Id))
            .Select(v => new { v.Id, v.Type, v.Numero, Objectifs = db.Set<ObjectifProjet>().Count(o => o.VersionId == v.Id) }).ToDictionaryAsync(v => v.Id, ct);
        var brouillons = await db.VersionsProjet.AsNoTracking().Where(v => projets.Contains(v.ProjetId) && v.Statut == StatutVersion.Brouillon)
            .Select(v => v.ProjetId).ToListAsync(ct);
        return lignes.Where(l => l.Sejour.DateSortie is null || l.Projet is not null).Select(l =>
        {
            var v = l.Projet?.VersionEnVigueurId is { } id ? versions[id] : null;
            return new ResumeProjet(l.Sejour.Id, l.Sejour.EssmsId, l.Sejour.Essms, l.Projet?.Id, v?.Type, v?.Numero, l.Projet?.DateDerniereValidation, v?.Objectifs ?? 0,
                l.Projet is not null && brouillons.Contains(l.Projet.Id),
                EcheancesProjet.Calculer(l.Sejour.DateAdmission, l.Sejour.DateSortie, false, l.Projet?.DateDerniereValidation, db.Aujourdhui),
                referents.GetValueOrDefault(l.Projet?.Id ?? Guid.Empty, []));
        }).ToList();
    }

    /// <summary>What the draft's form needs: the draft, whom it is about, the nomenclature to use and the team who may carry actions. Traced.</summary>
    public async Task<Resultat<EditionVersion>> PreparerEditionAsync(Guid versionId, string ressource, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<EditionVersion>.Introuvable();
        if (!a.PeutEcrire) return Resultat<EditionVersion>.Interdit();
        var vue = await VueVersionAsync(v, a, ct);
        var equipe = await EquipeAsync(a.Sejour, Acteurs, ct);
        var edition = new EditionVersion(vue, await NomPersonneAsync(v.UsagerId, ct), a.Sejour.Essms!.Nom, a.Sejour.Essms.ChampActivite == ChampActivite.PH,
            equipe, a.PeutValider, await RepresentantRequisAsync(v.UsagerId, db.Aujourdhui, ct));
        await journal.TracerLectureAsync(db, v.UsagerId, ressource);
        return Resultat<EditionVersion>.Ok(edition);
    }

    /// <summary>The ESSMS of the reader's perimeter (whole, or through one of their units), for the deadlines page's filter.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Nom)>> EtablissementsAsync(CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        var lignes = await db.Set<Essms>().AsNoTracking().Where(e => essms.Contains(e.Id) || e.Unites.Any(u => unites.Contains(u.Id)))
            .OrderBy(e => e.Nom).Select(e => new { e.Id, e.Nom }).ToListAsync(ct);
        return lignes.Select(l => (l.Id, l.Nom)).ToList();
    }

    public Guid? Moi => db.Auteur.Id;

    /// <summary>The professionals who may be named référent of this séjour (a team role in its ESSMS or unit).</summary>
    public async Task<Resultat<IReadOnlyList<ProfessionnelPossible>>> ReferentsPossiblesAsync(Guid sejourId, CancellationToken ct)
    {
        if (await AccesAsync(sejourId, ct) is not { } a) return Resultat<IReadOnlyList<ProfessionnelPossible>>.Introuvable();
        return Resultat<IReadOnlyList<ProfessionnelPossible>>.Ok(await EquipeAsync(a.Sejour, Referents, ct));
    }

    /// <summary>The active professionals holding one of <paramref name="roles"/> for this séjour (its ESSMS, or its unit): who may be
    /// référent, carry an action or be named as a participant (the team that acts on projets, the secretariat aside).</summary>
    private async Task<List<ProfessionnelPossible>> EquipeAsync(Sejour s, Role[] roles, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var lignes = await db.Habilitations.AsNoTracking()
            .Where(h => h.EssmsId == s.EssmsId && (h.UniteId == null || h.UniteId == s.UniteId) && !h.EnAttente && (h.DateFin == null || h.DateFin >= aujourdhui)
                && roles.Contains(h.Role))
            .Join(db.Users.Where(p => p.Actif), h => h.ProfessionnelId, p => p.Id, (h, p) => new { p.Id, p.Prenom, p.Nom, h.Role })
            .ToListAsync(ct);
        return lignes.GroupBy(l => l.Id).Select(g => new ProfessionnelPossible(g.Key, $"{g.First().Prenom} {g.First().Nom}",
                string.Join(", ", g.Select(x => x.Role).Distinct().Select(r => r.Libelle()))))
            .OrderBy(p => p.Nom, StringComparer.Create(new System.Globalization.CultureInfo("fr-FR"), true)).ToList();
    }

    // ---------------- Writing ----------------

    /// <summary>Names the séjour's référents (replacing the previous ones), before or after its first version.</summary>
    public async Task<Resultat<Rien>> DesignerReferentsAsync(Guid sejourId, DesignationReferents d, CancellationToken ct)
    {
        if (await AccesAsync(sejourId, ct) is not { } a) return Resultat<Rien>.Introuvable();
        if (!a.PeutDesigner) return Resultat<Rien>.Interdit("Seuls la direction et les chefs de service de l'établissement désignent les référents.");
        var ids = d.ProfessionnelIds ?? [];
        var possibles = (await EquipeAsync(a.Sejour, Referents, ct)).ToDictionary(p => p.Id);
        var e = new Erreurs();
        for (var i = 0; i < ids.Count; i++)
            if (!possibles.ContainsKey(ids[i]))
                e.Ajouter($"professionnelIds[{i}]", "Ce professionnel n'accompagne pas les personnes de cet établissement (ou de cette unité) : il ne peut pas être référent.");
        if (ids.Distinct().Count() != ids.Count) e.Ajouter("professionnelIds", "Un même professionnel est nommé deux fois.");
        if (ids.Count > 5) e.Ajouter("professionnelIds", "Cinq référents au plus : le référent coordonne, l'équipe entière reste nommée dans le projet.");
        if (e.Any) return Resultat<Rien>.Invalide(e);
        var projet = a.Projet ?? NouveauProjet(a.Sejour);
        var actuels = await db.ReferentsProjet.Where(r => r.ProjetId == projet.Id).ToListAsync(ct);
        db.ReferentsProjet.RemoveRange(actuels.Where(r => !ids.Contains(r.ProfessionnelId)));
        foreach (var id in ids.Where(id => actuels.All(r => r.ProfessionnelId != id)))
            db.ReferentsProjet.Add(new ReferentProjet { ProjetId = projet.Id, UsagerId = projet.UsagerId, ProfessionnelId = id, DesigneLe = db.Maintenant });
        var noms = ids.Select(id => possibles[id].Nom).ToList();
        db.Noter(a.Sejour.UsagerId, "ProjetPersonnalise",
            noms.Count == 0 ? "Référents du projet personnalisé retirés" : $"Référent(s) du projet personnalisé : {string.Join(", ", noms)}", a.Sejour.EssmsId);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>Opens a draft: the first projet of the séjour, or a revision copied from the version in force (a validated
    /// version is never edited). One draft at a time.</summary>
    public async Task<Resultat<Guid>> OuvrirBrouillonAsync(Guid sejourId, NouvelleVersion n, CancellationToken ct)
    {
        if (await AccesAsync(sejourId, ct) is not { } a) return Resultat<Guid>.Introuvable();
        if (!a.PeutEcrire) return Resultat<Guid>.Interdit("Votre rôle ne permet pas d'écrire le projet personnalisé (réservé à l'équipe éducative et soignante, au référent, au chef de service et à la direction).");
        if (a.Sejour.Statut == StatutSejour.Termine) return Resultat<Guid>.Invalide("", "Le séjour est terminé : son projet ne se révise plus.");
        if (n.Type is { } t && !Enum.IsDefined(t)) return Resultat<Guid>.Invalide("type", "Type de projet inconnu.");
        var projet = a.Projet ?? NouveauProjet(a.Sejour);
        if (a.Projet is not null && await db.VersionsProjet.AnyAsync(v => v.ProjetId == projet.Id && v.Statut == StatutVersion.Brouillon, ct))
            return Resultat<Guid>.Conflit("", MessageBrouillonExistant);
        var precedente = projet.VersionEnVigueurId is { } idv ? await db.VersionsProjet.AsNoTracking().SingleAsync(v => v.Id == idv, ct) : null;
        if (precedente is null && n.Type is null) return Resultat<Guid>.Invalide("type", "Le type de projet est obligatoire (par exemple : Projet personnalisé d'accompagnement).");
        var numero = a.Projet is null ? 1 : await db.VersionsProjet.Where(v => v.ProjetId == projet.Id).MaxAsync(v => (int?)v.Numero, ct) + 1 ?? 1;
        var contenu = precedente is null ? new ContenuVersion() : Lire(precedente.Contenu) with { Reunion = null, AccordPersonne = null, AccordStructure = null };
        var brouillon = new VersionProjet
        {
            ProjetId = projet.Id, UsagerId = projet.UsagerId, Numero = numero, Statut = StatutVersion.Brouillon, Type = n.Type ?? precedente!.Type,
            Attentes = precedente?.Attentes, Contenu = Ecrire(contenu), CreeLe = db.Maintenant, ModifieLe = db.Maintenant, CreeParId = db.Auteur.Id,
            CreeParNom = db.Auteur.Nom, ReviseVersionId = precedente?.Id,
        };
        db.VersionsProjet.Add(brouillon);
        if (precedente is not null)
        {
            // Objectives still open are carried on (with their actions) to be judged and continued; reached or abandoned ones stay in the old version.
            var objectifs = await db.ObjectifsProjet.AsNoTracking().Where(o => o.VersionId == precedente.Id).OrderBy(o => o.Ordre).ToListAsync(ct);
            var actions = await db.ActionsProjet.AsNoTracking().Where(x => x.VersionId == precedente.Id).ToListAsync(ct);
            var ordre = 0;
            foreach (var o in objectifs.Where(o => !o.Bilan.Clos()))
            {
                var copie = new ObjectifProjet
                {
                    VersionId = brouillon.Id, UsagerId = projet.UsagerId, Suivi = o.Suivi, Ordre = ordre++, Libelle = o.Libelle, Horizon = o.Horizon, Critere = o.Critere,
                };
                db.ObjectifsProjet.Add(copie);
                foreach (var x in actions.Where(x => x.ObjectifId == o.Id).OrderBy(x => x.Ordre))
                    db.ActionsProjet.Add(new ActionProjet
                    {
                        VersionId = brouillon.Id, ObjectifId = copie.Id, UsagerId = projet.UsagerId, Ordre = x.Ordre, Libelle = x.Libelle, Moyens = x.Moyens,
                        PorteurId = x.PorteurId, Porteur = x.Porteur, Echeance = x.Echeance,
                    });
            }
        }
        var r = await EnregistrerAsync(Resultat<Guid>.Ok(brouillon.Id), ct);
        return r.Statut == StatutResultat.Conflit ? Resultat<Guid>.Conflit("", MessageBrouillonExistant) : r;
    }

    private const string MessageBrouillonExistant = "Un projet est déjà en préparation pour ce séjour : complétez-le plutôt que d'en ouvrir un second.";

    /// <summary>Replaces the content of a draft; a validated version answers 409 (revise it instead).</summary>
    public async Task<Resultat<Rien>> EnregistrerBrouillonAsync(Guid versionId, SaisieVersion s, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<Rien>.Introuvable();
        if (!a.PeutEcrire) return Resultat<Rien>.Interdit("Votre rôle ne permet pas d'écrire le projet personnalisé.");
        if (v.Statut != StatutVersion.Brouillon) return Resultat<Rien>.Conflit("", MessageValidee);
        var e = new Erreurs();
        var equipe = (await EquipeAsync(a.Sejour, Acteurs, ct)).ToDictionary(p => p.Id);
        var contenu = Verifier(s, a.Sejour, equipe, e, out var objectifs);
        if (e.Any) return Resultat<Rien>.Invalide(e);
        var anciens = await db.ObjectifsProjet.Where(o => o.VersionId == v.Id).ToListAsync(ct);
        var anciennesActions = await db.ActionsProjet.Where(x => x.VersionId == v.Id).ToListAsync(ct);
        db.ActionsProjet.RemoveRange(anciennesActions);
        db.ObjectifsProjet.RemoveRange(anciens);
        var suivisConnus = anciens.Select(o => o.Suivi).ToHashSet();
        for (var i = 0; i < objectifs.Count; i++)
        {
            var (o, actions) = objectifs[i];
            // A revision keeps following the same objective; an unknown "suivi" from a client starts a new one.
            var objectif = new ObjectifProjet
            {
                VersionId = v.Id, UsagerId = v.UsagerId, Suivi = o.Suivi is { } suivi && suivisConnus.Contains(suivi) ? suivi : Guid.NewGuid(), Ordre = i,
                Libelle = o.Libelle!, Horizon = o.Horizon, Critere = o.Critere, Bilan = o.Bilan, BilanCommentaire = o.BilanCommentaire,
            };
            db.ObjectifsProjet.Add(objectif);
            for (var j = 0; j < actions.Count; j++)
            {
                var x = actions[j];
                db.ActionsProjet.Add(new ActionProjet
                {
                    VersionId = v.Id, ObjectifId = objectif.Id, UsagerId = v.UsagerId, Ordre = j, Libelle = x.Libelle!, Moyens = x.Moyens, PorteurId = x.PorteurId,
                    Porteur = x.PorteurId is { } p ? equipe[p].Nom : x.Porteur, Echeance = x.Echeance,
                });
            }
        }
        v.Type = s.Type!.Value;
        v.Attentes = s.Attentes;
        v.Contenu = Ecrire(GarderOrigines(contenu, Lire(v.Contenu)));
        v.ModifieLe = db.Maintenant;
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    private const string MessageValidee = "Cette version est validée : elle ne se modifie plus. Révisez le projet pour en préparer une nouvelle version.";

    /// <summary>Validates a draft with the person's and the structure's agreement: it becomes the version in force, never edited again.</summary>
    public async Task<Resultat<Rien>> ValiderAsync(Guid versionId, ValidationVersion val, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<Rien>.Introuvable();
        if (!a.PeutValider) return Resultat<Rien>.Interdit("Seuls le référent du projet, le chef de service et la direction valident un projet personnalisé.");
        if (v.Statut != StatutVersion.Brouillon) return Resultat<Rien>.Conflit("", "Cette version est déjà validée.");
        var e = new Erreurs();
        var aujourdhui = db.Aujourdhui;
        if (a.Sejour.Statut == StatutSejour.Termine) e.Ajouter("", "Le séjour est terminé : son projet ne se valide plus.");
        var objectifs = await db.ObjectifsProjet.AsNoTracking().Where(o => o.VersionId == v.Id).ToListAsync(ct);
        var contenu = Lire(v.Contenu);
        // CASF D311: the objectives and the prestations are what the projet sets.
        if (objectifs.All(o => o.Bilan.Clos())) e.Ajouter("objectifs", "Le projet doit fixer au moins un objectif en cours avant d'être validé.");
        if (contenu.Prestations.Count == 0) e.Ajouter("prestations", "Le projet doit nommer au moins une prestation avant d'être validé.");
        if (val.Modalite is not { } modalite || !Enum.IsDefined(modalite)) e.Ajouter("modalite", "Indiquez comment la personne a donné son accord : signé, oralement, ou refusé.");
        if (val.DateAccord is not { } date) e.Ajouter("dateAccord", "La date de l'accord est obligatoire.");
        else
        {
            if (date > aujourdhui) e.Ajouter("dateAccord", "La date de l'accord ne peut pas être dans le futur.");
            if (a.Projet?.DateDerniereValidation is { } derniere && date < derniere)
                e.Ajouter("dateAccord", $"La date de l'accord précède celle de la version en vigueur ({derniere:dd/MM/yyyy}).");
            if (date < a.Sejour.DateAdmissionPrevue.AddMonths(-6)) e.Ajouter("dateAccord", "La date de l'accord est trop ancienne pour ce séjour.");
        }
        var representant = Ligne(val.RepresentantLegal, "representantLegal", "Le nom du représentant légal", false, 200, e);
        var commentaire = Bloc(val.Commentaire, "commentaire", "Le commentaire", false, e);
        if (val.DateAccord is { } jour && representant is null && await RepresentantRequisAsync(v.UsagerId, jour, ct))
            e.Ajouter("representantLegal", "La personne est mineure ou sous tutelle (ou habilitation familiale) : nommez le représentant légal qui a donné ou refusé l'accord.");
        if (val.Modalite == ModaliteAccord.Refuse && commentaire is null)
            e.Ajouter("commentaire", "En cas de refus, notez ce que la personne (ou son représentant) a dit et ce qui est prévu.");
        if (e.Any) return Resultat<Rien>.Invalide(e);

        var fonction = string.Join(", ", a.Roles.Where(r => Acteurs.Contains(r)).Select(r => r.Libelle())) is { Length: > 0 } f ? f : "Référent du projet";
        if (a.Referent && !a.Roles.Overlaps(Valideurs)) fonction = $"Référent du projet ({fonction})";
        v.Contenu = Ecrire(contenu with
        {
            AccordPersonne = new AccordPersonne(val.Modalite!.Value, val.DateAccord!.Value, representant, commentaire),
            AccordStructure = new AccordStructure(aujourdhui, db.Auteur.Id, db.Auteur.Nom, fonction),
        });
        v.Statut = StatutVersion.Valide;
        v.ValideLe = db.Maintenant;
        v.ValideParId = db.Auteur.Id;
        v.ValideParNom = db.Auteur.Nom;
        v.DateEffet = val.DateAccord;
        v.ModifieLe = db.Maintenant;
        var projet = a.Projet!;
        projet.VersionEnVigueurId = v.Id;
        projet.DateDerniereValidation = val.DateAccord;
        var accord = val.Modalite == ModaliteAccord.Refuse ? "refusé par la personne" : val.Modalite == ModaliteAccord.Oral ? "accord oral de la personne" : "accord signé de la personne";
        db.Noter(v.UsagerId, "ProjetPersonnalise",
            $"{v.Type.Libelle()} validé (version {v.Numero}, {accord}{(representant is null ? "" : " et de son représentant légal")}, le {val.DateAccord:dd/MM/yyyy})", a.Sejour.EssmsId);
        var valide = new ProjetValide(v.UsagerId, a.Sejour.EssmsId, a.Sejour.Id, projet.Id, v.Id, v.Numero, v.Type.Libelle(), val.DateAccord!.Value, db.Maintenant,
            db.Auteur.Id, db.Auteur.Nom, val.InvisiblePourLaPersonne, async c => (await PdfVersionAsync(v, a, c)).Octets);
        foreach (var suite in suitesValidation) await suite.ApresValidationAsync(valide, ct);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    /// <summary>Throws a draft away (nothing validated is ever deleted).</summary>
    public async Task<Resultat<Rien>> AbandonnerBrouillonAsync(Guid versionId, CancellationToken ct)
    {
        if (await VersionAsync(versionId, ct) is not var (v, a)) return Resultat<Rien>.Introuvable();
        if (!a.PeutEcrire) return Resultat<Rien>.Interdit();
        if (v.Statut != StatutVersion.Brouillon) return Resultat<Rien>.Conflit("", MessageValidee);
        db.ActionsProjet.RemoveRange(await db.ActionsProjet.Where(x => x.VersionId == v.Id).ToListAsync(ct));
        db.ObjectifsProjet.RemoveRange(await db.ObjectifsProjet.Where(o => o.VersionId == v.Id).ToListAsync(ct));
        db.VersionsProjet.Remove(v);
        return await EnregistrerAsync(Resultat.Fait, ct);
    }

    private ProjetPersonnalise NouveauProjet(Sejour s)
    {
        var p = new ProjetPersonnalise { UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = s.EssmsId, CreeLe = db.Maintenant };
        db.Projets.Add(p);
        return p;
    }

    private async Task<Resultat<T>> EnregistrerAsync<T>(Resultat<T> succes, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return succes;
        }
        catch (DbUpdateException)
        {
            // A concurrent change (two drafts opened at once, a validation meanwhile, a second projet for the séjour): the unique keys kept one.
            return Resultat<T>.Conflit("", "Le projet vient d'être modifié par quelqu'un d'autre : rechargez la page et recommencez.");
        }
    }

    // ---------------- Deadlines ----------------

    /// <summary>
    /// The current séjours (admitted, not ended) of the reader's perimeter with their deadline: per ESSMS, per référent,
    /// by default only those late or due within 30 days. A list, not a record: nothing is traced.
    /// </summary>
    public async Task<Resultat<IReadOnlyList<LigneEcheance>>> EcheancesAsync(Guid? essmsId, Guid? referentId, bool tous, CancellationToken ct)
    {
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        if (essmsId is { } filtre && !essms.Contains(filtre) && !await db.Set<Unite>().AnyAsync(u => u.EssmsId == filtre && unites.Contains(u.Id), ct))
            return Resultat<IReadOnlyList<LigneEcheance>>.Introuvable();
        var aujourdhui = db.Aujourdhui;
        var q = SejoursCourants(essms, unites, aujourdhui);
        if (essmsId is not null) q = q.Where(s => s.EssmsId == essmsId);
        if (referentId is { } r)
            q = q.Where(s => db.Set<ProjetPersonnalise>().Any(p => p.SejourId == s.Id && db.Set<ReferentProjet>().Any(x => x.ProjetId == p.Id && x.ProfessionnelId == r)));
        var lignes = await LignesAsync(q, tous ? null : aujourdhui.AddDays(EcheancesProjet.JoursAlerte), ct);
        return Resultat<IReadOnlyList<LigneEcheance>>.Ok(lignes.Where(l => tous || l.Echeance.Etat is EtatEcheance.EnRetard or EtatEcheance.BientotDu).ToList());
    }

    /// <summary>
    /// "Ma journée": the séjours of the people present in the reader's perimeter (the request's <see cref="PresentsDuJour"/>)
    /// whose projet the reader is référent of, late or due soon. The deadlines of every séjour of the perimeter are the
    /// same for each of its readers: kept in memory for the day while nothing changes for their people
    /// (<see cref="PresentsDuJour.MarqueAsync"/>); the reader's own séjours are picked on every request.
    /// </summary>
    public async Task<IReadOnlyList<LigneEcheance>> EcheancesDeMesReferesAsync(PresentsDuJour presents, CancellationToken ct)
    {
        if (db.Auteur.Id is not { } moi) return [];
        var aujourdhui = db.Aujourdhui;
        Guid[] sejours = [.. (await presents.LireAsync(ct)).Where(s => s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .Select(s => s.SejourId)];
        Task<List<LigneEcheance>> Lire(CancellationToken c) =>
            LignesAsync(db.Sejours.AsNoTracking().Where(s => sejours.Contains(s.Id)), aujourdhui.AddDays(EcheancesProjet.JoursAlerte), c);
        var lignes = await presents.MarqueAsync(ct) is { } marque
            ? await lectures.LireAsync(marque, ("EcheancesProjets", aujourdhui, await presents.ClePerimetreAsync(ct)), Lire, ct)
            : await Lire(ct);
        return [.. lignes.Where(l => l.Echeance.Etat is EtatEcheance.EnRetard or EtatEcheance.BientotDu && l.Referents.Any(r => r.Id == moi))];
    }

    /// <summary>
    /// "Ma journée": the actions of projets in force the reader carries from <paramref name="du"/> to <paramref name="au"/>,
    /// for the people present in their perimeter. The actions of the week of every séjour of the perimeter are kept in memory
    /// as the deadlines are (<see cref="EcheancesDeMesReferesAsync(PresentsDuJour, CancellationToken)"/>); the reader's own
    /// are picked on every request.
    /// </summary>
    public async Task<IReadOnlyList<ActionAFaire>> MesActionsAsync(PresentsDuJour presents, DateOnly du, DateOnly au, CancellationToken ct)
    {
        if (db.Auteur.Id is not { } moi) return [];
        var aujourdhui = db.Aujourdhui;
        Guid[] sejours = [.. (await presents.LireAsync(ct)).Where(s => s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .Select(s => s.SejourId)];
        Task<List<(Guid? Porteur, ActionAFaire Action)>> Lire(CancellationToken c) =>
            ActionsEnVigueurAsync(db.Sejours.Where(s => sejours.Contains(s.Id)).Select(s => s.Id), null, du, au, c);
        var actions = await presents.MarqueAsync(ct) is { } marque
            ? await lectures.LireAsync(marque, ("ActionsProjets", du, au, aujourdhui, await presents.ClePerimetreAsync(ct)), Lire, ct)
            : await Lire(ct);
        return [.. actions.Where(a => a.Porteur == moi).Select(a => a.Action)];
    }

    /// <summary>The current séjours of these ESSMS whose projet (the contract's avenant) is late or due by <paramref name="limite"/>,
    /// for "À faire" (the caller checked the reader's perimeter). A list: nothing is traced.</summary>
    public async Task<IReadOnlyList<LigneEcheance>> EcheancesDesEssmsAsync(IReadOnlyList<Guid> essms, DateOnly limite, CancellationToken ct) =>
        await LignesAsync(SejoursCourants([.. essms], [], db.Aujourdhui), limite, ct);

    private IQueryable<Sejour> SejoursCourants(Guid[] essms, Guid[] unites, DateOnly aujourdhui) =>
        db.Sejours.AsNoTracking().Where(s => !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui)
            && (essms.Contains(s.EssmsId) || (s.UniteId != null && unites.Contains(s.UniteId.Value))));

    /// <param name="limite">Only séjours due by this day (filtered first in SQL, with a few days' margin for month ends, then exactly).</param>
    private async Task<List<LigneEcheance>> LignesAsync(IQueryable<Sejour> q, DateOnly? limite, CancellationToken ct)
    {
        var aujourdhui = db.Aujourdhui;
        var requete = q.Select(s => new
        {
            s.Id, s.UsagerId, s.EssmsId, Essms = s.Essms!.Nom, Unite = s.Unite == null ? null : s.Unite.Nom, s.DateAdmission, s.DateSortie,
            Projet = db.Set<ProjetPersonnalise>().Where(p => p.SejourId == s.Id).Select(p => new { p.Id, p.DateDerniereValidation }).FirstOrDefault(),
            Nom = db.Set<Usager>().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).First(),
        });
        if (limite is { } l)
        {
            var validationMax = l.AddMonths(-EcheancesProjet.MoisActualisation).AddDays(3);
            var admissionMax = l.AddMonths(-EcheancesProjet.MoisPremierProjet).AddDays(3);
            requete = requete.Where(x => x.Projet != null && x.Projet.DateDerniereValidation != null
                ? x.Projet.DateDerniereValidation <= validationMax
                : x.DateAdmission <= admissionMax);
        }
        var lignes = await requete.ToListAsync(ct);
        var referents = await ReferentsAsync(lignes.Where(x => x.Projet is not null).Select(x => x.Projet!.Id).ToList(), ct);
        return lignes.Select(x => new LigneEcheance(x.Id, x.UsagerId, x.Nom, x.EssmsId, x.Essms, x.Unite, x.DateAdmission!.Value,
                EcheancesProjet.Calculer(x.DateAdmission, x.DateSortie, false, x.Projet?.DateDerniereValidation, aujourdhui),
                referents.GetValueOrDefault(x.Projet?.Id ?? Guid.Empty, [])))
            .Where(x => limite is null || x.Echeance.Date <= limite)
            .OrderBy(x => x.Echeance.Date).ThenBy(x => x.Personne).ToList();
    }

    /// <summary>Per ESSMS: current séjours, those with an up-to-date projet, the late and the soon-due (no personal data).</summary>
    public async Task<IReadOnlyList<(Guid EssmsId, string Essms, int Sejours, int AJour, int EnRetard, int BientotDu)>> CompterParEssmsAsync(
        IReadOnlyList<Guid> essmsIds, DateOnly aujourdhui, CancellationToken ct)
    {
        var lignes = await db.Sejours.AsNoTracking()
            .Where(s => essmsIds.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .Select(s => new { s.EssmsId, s.DateAdmission, s.DateSortie,
                Validation = db.Set<ProjetPersonnalise>().Where(p => p.SejourId == s.Id).Select(p => p.DateDerniereValidation).FirstOrDefault() })
            .ToListAsync(ct);
        var noms = await db.Set<Essms>().AsNoTracking().Where(e => essmsIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Nom, ct);
        return essmsIds.Where(noms.ContainsKey).Select(id =>
        {
            var echeances = lignes.Where(l => l.EssmsId == id).Select(l => EcheancesProjet.Calculer(l.DateAdmission, l.DateSortie, false, l.Validation, aujourdhui)).ToList();
            return (id, noms[id], echeances.Count, echeances.Count(x => x.EstAJour), echeances.Count(x => x.Etat == EtatEcheance.EnRetard),
                echeances.Count(x => x.Etat == EtatEcheance.BientotDu));
        }).OrderBy(x => x.Item2).ToList();
    }

    /// <summary>The actions of the projets in force that the current professional carries, due between two days (within their perimeter).</summary>
    public async Task<IReadOnlyList<ActionAFaire>> MesActionsAsync(DateOnly du, DateOnly au, CancellationToken ct)
    {
        if (db.Auteur.Id is not { } moi) return [];
        var (essms, unites) = await perimetre.PerimetreAsync(Roles.LecteursDeDossier, ct);
        return [.. (await ActionsEnVigueurAsync(SejoursCourants(essms, unites, db.Aujourdhui).Select(s => s.Id), moi, du, au, ct)).Select(a => a.Action)];
    }

    /// <summary>The actions due from <paramref name="du"/> to <paramref name="au"/> in the projets in force of these séjours,
    /// whose objective is neither reached nor abandoned (those <paramref name="porteur"/> carries, or all), by due date and person.</summary>
    private async Task<List<(Guid? Porteur, ActionAFaire Action)>> ActionsEnVigueurAsync(IQueryable<Guid> sejours, Guid? porteur, DateOnly du, DateOnly au,
        CancellationToken ct)
    {
        var lignes = await db.ActionsProjet.AsNoTracking()
            .Where(x => (porteur == null || x.PorteurId == porteur) && x.Echeance >= du && x.Echeance <= au)
            .Join(db.Projets.AsNoTracking(), x => x.VersionId, p => p.VersionEnVigueurId, (x, p) => new { Action = x, p.SejourId })
            .Join(db.ObjectifsProjet.AsNoTracking(), x => x.Action.ObjectifId, o => o.Id, (x, o) => new { x.Action, x.SejourId, Objectif = o.Libelle, o.Bilan })
            .Where(x => x.Bilan == null || (x.Bilan != ResultatObjectif.Atteint && x.Bilan != ResultatObjectif.Abandonne))
            .Where(x => sejours.Contains(x.SejourId))
            .Select(x => new
            {
                x.Action, x.SejourId, x.Objectif,
                Nom = db.Set<Usager>().Where(u => u.Id == x.Action.UsagerId).Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).First(),
            })
            .ToListAsync(ct);
        return [.. lignes.Select(l => (l.Action.PorteurId, new ActionAFaire(l.Action.Id, l.SejourId, l.Action.UsagerId, l.Nom, l.Objectif, l.Action.Libelle,
                l.Action.Moyens, l.Action.Echeance!.Value)))
            .OrderBy(l => l.Item2.Echeance).ThenBy(l => l.Item2.Personne)];
    }

    /// <summary>Monday to Sunday of the week holding <paramref name="jour"/>.</summary>
    public static (DateOnly Du, DateOnly Au) Semaine(DateOnly jour)
    {
        var lundi = jour.AddDays(-(((int)jour.DayOfWeek + 6) % 7));
        return (lundi, lundi.AddDays(6));
    }

    public DateOnly Aujourdhui => db.Aujourdhui;

    // ---------------- Helpers ----------------

    private EcheanceProjet Echeance(Sejour s, ProjetPersonnalise? p) =>
        EcheancesProjet.Calculer(s.DateAdmission, s.DateSortie, s.Annule, p?.DateDerniereValidation, db.Aujourdhui);

    private async Task<List<VersionResume>> ResumesAsync(ProjetPersonnalise projet, CancellationToken ct) =>
        (await db.VersionsProjet.AsNoTracking().Where(v => v.ProjetId == projet.Id).OrderByDescending(v => v.Numero).ToListAsync(ct))
        .Select(v => new VersionResume(v.Id, v.Numero, v.Statut, v.Statut.Libelle(), v.Type, v.CreeLe, v.CreeParNom, v.DateEffet, v.ValideParNom,
            v.Id == projet.VersionEnVigueurId)).ToList();

    private async Task<VersionVue> VueVersionAsync(VersionProjet v, Acces a, CancellationToken ct)
    {
        var objectifs = await db.ObjectifsProjet.AsNoTracking().Where(o => o.VersionId == v.Id).OrderBy(o => o.Ordre).ToListAsync(ct);
        var actions = await db.ActionsProjet.AsNoTracking().Where(x => x.VersionId == v.Id).OrderBy(x => x.Ordre).ToListAsync(ct);
        var c = Lire(v.Contenu);
        return new VersionVue(v.Id, v.ProjetId, a.Sejour.Id, v.UsagerId, v.Numero, v.Statut, v.Statut.Libelle(), v.Type, v.Type.Libelle(), v.Attentes, c.Besoins,
            c.Prestations, objectifs.Select(o => new ObjectifVue(o.Id, o.Suivi, o.Libelle, o.Horizon, o.Critere, o.Bilan, o.Bilan?.Libelle(), o.BilanCommentaire,
                actions.Where(x => x.ObjectifId == o.Id).Select(x => new ActionVue(x.Id, x.Libelle, x.Moyens, x.PorteurId, x.Porteur, x.Echeance)).ToList())).ToList(),
            c.Participants, c.Reunion, c.AccordPersonne, c.AccordStructure, v.CreeLe, v.CreeParNom, v.ValideLe, v.ValideParNom, v.DateEffet, v.ReviseVersionId,
            a.Projet?.VersionEnVigueurId == v.Id);
    }

    private async Task<Dictionary<Guid, IReadOnlyList<ReferentVue>>> ReferentsAsync(IReadOnlyCollection<Guid> projets, CancellationToken ct)
    {
        if (projets.Count == 0) return [];
        var lignes = await db.ReferentsProjet.AsNoTracking().Where(r => projets.Contains(r.ProjetId))
            .Join(db.Users, r => r.ProfessionnelId, p => p.Id, (r, p) => new { r.ProjetId, p.Id, p.Prenom, p.Nom, r.DesigneLe }).ToListAsync(ct);
        return lignes.GroupBy(l => l.ProjetId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<ReferentVue>)g.OrderBy(l => l.DesigneLe).Select(l => new ReferentVue(l.Id, $"{l.Prenom} {l.Nom}")).ToList());
    }

    private Task<string> NomPersonneAsync(Guid usagerId, CancellationToken ct) =>
        db.Usagers.AsNoTracking().Where(u => u.Id == usagerId)
            .Select(u => (u.PrenomUtilise ?? u.PremierPrenom) + " " + (u.NomUtilise ?? u.NomNaissance)).SingleAsync(ct);

    /// <summary>A minor, or an adult represented by a guardian (tutelle, habilitation familiale), on that day.</summary>
    private async Task<bool> RepresentantRequisAsync(Guid usagerId, DateOnly jour, CancellationToken ct)
    {
        var naissance = await db.Usagers.AsNoTracking().Where(u => u.Id == usagerId).Select(u => u.DateNaissance).SingleAsync(ct);
        if (naissance.AddYears(18) > jour) return true;
        return await db.MesuresProtection.AsNoTracking().AnyAsync(m => m.UsagerId == usagerId
            && (m.Type == TypeMesureProtection.Tutelle || m.Type == TypeMesureProtection.HabilitationFamiliale)
            && m.DateDebut <= jour && (m.DateFin == null || m.DateFin >= jour), ct);
    }

    internal static ContenuVersion Lire(string json) => JsonSerializer.Deserialize<ContenuVersion>(json, Json) ?? new ContenuVersion();

    internal static string Ecrire(ContenuVersion c) => JsonSerializer.Serialize(c, Json);

    /// <summary>Checks a draft's content; returns the JSON part and the objectives with their actions, or French errors keyed by field.</summary>
    private ContenuVersion Verifier(SaisieVersion s, Sejour sejour, Dictionary<Guid, ProfessionnelPossible> equipe, Erreurs e,
        out List<(SaisieObjectif Objectif, List<SaisieAction> Actions)> objectifs)
    {
        var ph = sejour.Essms!.ChampActivite == ChampActivite.PH;
        if (s.Type is not { } type || !Enum.IsDefined(type)) e.Ajouter("type", "Le type de projet est obligatoire.");
        s = s with { Attentes = Bloc(s.Attentes, "attentes", "Les attentes de la personne", false, e) };

        var besoins = new List<Besoin>();
        var listeBesoins = s.Besoins ?? [];
        for (var i = 0; i < listeBesoins.Count; i++)
        {
            var b = listeBesoins[i];
            var champ = $"besoins[{i}]";
            var precision = Ligne(b.Precision, champ + ".precision", "La précision du besoin", false, 500, e);
            if (Code(b.Code, BrancheSerafin.Besoins, ph, champ, "besoin", e) is { } code) besoins.Add(new Besoin(code.Code, code.Libelle, precision));
            else if (!ph && Ligne(b.Libelle, champ + ".libelle", "Le besoin", b.Code is null, 300, e) is { } libelle) besoins.Add(new Besoin(null, libelle, precision));
        }
        if (besoins.GroupBy(b => b.Code ?? b.Libelle).Any(g => g.Count() > 1)) e.Ajouter("besoins", "Un même besoin est nommé deux fois.");

        var prestations = new List<Prestation>();
        var listePrestations = s.Prestations ?? [];
        for (var i = 0; i < listePrestations.Count; i++)
        {
            var p = listePrestations[i];
            var champ = $"prestations[{i}]";
            var precision = Ligne(p.Precision, champ + ".precision", "La précision de la prestation", false, 500, e);
            if (Code(p.Code, BrancheSerafin.PrestationsDirectes, ph, champ, "prestation", e) is { } code) prestations.Add(new Prestation(code.Code, code.Libelle, precision));
            else if (!ph && Ligne(p.Libelle, champ + ".libelle", "La prestation", p.Code is null, 300, e) is { } libelle) prestations.Add(new Prestation(null, libelle, precision));
        }
        if (prestations.GroupBy(b => b.Code ?? b.Libelle).Any(g => g.Count() > 1)) e.Ajouter("prestations", "Une même prestation est nommée deux fois.");

        objectifs = [];
        var listeObjectifs = s.Objectifs ?? [];
        if (listeObjectifs.Count > 30) e.Ajouter("objectifs", "Trente objectifs au plus : un projet se lit d'un coup d'œil.");
        for (var i = 0; i < listeObjectifs.Count; i++)
        {
            var o = listeObjectifs[i];
            var champ = $"objectifs[{i}]";
            var libelle = Ligne(o.Libelle, champ + ".libelle", $"Le libellé de l'objectif {i + 1}", true, ConfigurationObjectifProjet.LongueurLibelle, e);
            var critere = Bloc(o.Critere, champ + ".critere", $"Le critère d'évaluation de l'objectif {i + 1}", false, e);
            var commentaire = Bloc(o.BilanCommentaire, champ + ".bilanCommentaire", $"Le commentaire du bilan de l'objectif {i + 1}", false, e);
            if (o.Bilan is { } bilan && !Enum.IsDefined(bilan)) e.Ajouter(champ + ".bilan", "Résultat de bilan inconnu.");
            if (o.Bilan == ResultatObjectif.Abandonne && commentaire is null)
                e.Ajouter(champ + ".bilanCommentaire", $"Dites pourquoi l'objectif {i + 1} est abandonné.");
            if (o.Bilan is null && commentaire is not null)
                e.Ajouter(champ + ".bilan", $"Choisissez le résultat du bilan de l'objectif {i + 1} avant de le commenter.");
            if (o.Horizon is { } h && sejour.DateAdmission is { } adm && h < adm)
                e.Ajouter(champ + ".horizon", $"L'horizon de l'objectif {i + 1} précède l'admission.");
            var actions = new List<SaisieAction>();
            var listeActions = o.Actions ?? [];
            for (var j = 0; j < listeActions.Count; j++)
            {
                var x = listeActions[j];
                var c = $"{champ}.actions[{j}]";
                var la = Ligne(x.Libelle, c + ".libelle", $"L'action {j + 1} de l'objectif {i + 1}", true, ConfigurationObjectifProjet.LongueurLibelle, e);
                var moyens = Bloc(x.Moyens, c + ".moyens", $"Les moyens de l'action {j + 1} de l'objectif {i + 1}", false, e);
                var porteur = Ligne(x.Porteur, c + ".porteur", "Le porteur de l'action", false, 200, e);
                if (x.PorteurId is { } pid && !equipe.ContainsKey(pid))
                    e.Ajouter(c + ".porteurId", $"Le professionnel choisi pour l'action {j + 1} de l'objectif {i + 1} ne fait pas partie de l'équipe de l'établissement.");
                if (x.Echeance is { } ech && o.Horizon is { } hz && ech > hz)
                    e.Ajouter(c + ".echeance", $"L'échéance de l'action {j + 1} dépasse l'horizon de son objectif ({hz:dd/MM/yyyy}).");
                actions.Add(x with { Libelle = la, Moyens = moyens, Porteur = porteur });
            }
            objectifs.Add((o with { Libelle = libelle, Critere = critere, BilanCommentaire = commentaire }, actions));
        }

        var participants = new List<Participant>();
        var listeParticipants = s.Participants ?? [];
        for (var i = 0; i < listeParticipants.Count; i++)
        {
            var p = listeParticipants[i];
            var champ = $"participants[{i}]";
            if (p.Qualite is not { } q || !Enum.IsDefined(q)) { e.Ajouter(champ + ".qualite", "Précisez à quel titre cette personne participe."); continue; }
            var fonction = Ligne(p.Fonction, champ + ".fonction", "La fonction", false, 200, e);
            if (p.ProfessionnelId is { } pid)
            {
                if (!equipe.TryGetValue(pid, out var pro)) { e.Ajouter(champ + ".professionnelId", "Ce professionnel ne fait pas partie de l'équipe de l'établissement."); continue; }
                participants.Add(new Participant(q, pro.Nom, fonction ?? pro.Fonction, pid));
            }
            else if (Ligne(p.Nom, champ + ".nom", "Le nom du participant", true, 200, e) is { } nom) participants.Add(new Participant(q, nom, fonction, null));
        }

        Reunion? reunion = null;
        if (s.Reunion is { } r)
        {
            if (r.Date is not { } date) e.Ajouter("reunion.date", "La date de la réunion de projet est obligatoire.");
            else if (date > db.Aujourdhui.AddYears(1)) e.Ajouter("reunion.date", "La date de la réunion est trop lointaine.");
            var presents = new List<string>();
            var listePresents = r.Presents ?? [];
            for (var i = 0; i < listePresents.Count; i++)
                if (Ligne(listePresents[i], $"reunion.presents[{i}]", "Le nom d'un présent", false, 200, e) is { } nom) presents.Add(nom);
            var parole = Bloc(r.ParoleDeLaPersonne, "reunion.paroleDeLaPersonne", "Ce qu'a dit la personne", false, e);
            if (r.Date is { } d) reunion = new Reunion(d, presents, r.PersonnePresente, parole);
        }
        return new ContenuVersion { Besoins = besoins, Prestations = prestations, Participants = participants, Reunion = reunion };
    }

    /// <summary>A SERAFIN-PH code of the branch (required in a disability service; optional elsewhere, where free words serve).</summary>
    private static CodeSerafin? Code(string? code, BrancheSerafin branche, bool obligatoire, string champ, string quoi, Erreurs e)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (obligatoire) e.Ajouter(champ + ".code", $"Dans un établissement pour personnes en situation de handicap, choisissez le {quoi} dans la nomenclature SERAFIN-PH.");
            return null;
        }
        var c = SerafinPh.Trouver(code);
        if (c is null || c.Branche != branche || c.Niveau == 1)
        {
            e.Ajouter(champ + ".code", branche == BrancheSerafin.Besoins
                ? $"« {code} » n'est pas un besoin de la nomenclature SERAFIN-PH (codes 1.1 à 1.3.5.1)."
                : $"« {code} » n'est pas une prestation directe de la nomenclature SERAFIN-PH (codes 2.1 à 2.4.1).");
            return null;
        }
        return c;
    }

    private static string? Ligne(string? v, string champ, string libelle, bool obligatoire, int max, Erreurs e)
    {
        var t = v?.Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > max) { e.Ajouter(champ, $"{libelle} dépasse {max} caractères."); return null; }
        return TexteLibre.Verifier(t, champ, libelle, e) ? t : null;
    }

    private static string? Bloc(string? v, string champ, string libelle, bool obligatoire, Erreurs e)
    {
        var t = v?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > ConfigurationVersionProjet.LongueurTexte) { e.Ajouter(champ, $"{libelle} dépasse {ConfigurationVersionProjet.LongueurTexte} caractères."); return null; }
        if (t.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch))) { e.Ajouter(champ, $"{libelle} contient un caractère invisible ou de contrôle non autorisé."); return null; }
        return t;
    }
}
