using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Consentements;

public sealed record NouveauChoix(ActeSoumis? Objet, SensChoix? Sens, DateOnly? DateDecision, ExprimePar? ExprimePar, string? RepresentantNom, string? Commentaire);
public sealed record RetraitChoix(DateOnly? Le, string? Commentaire);

/// <param name="ContactId">An existing contact of the entourage; or give <paramref name="Nom"/> and <paramref name="Prenom"/> to create one.</param>
public sealed record NouvelleDesignation(Guid? ContactId, string? Nom, string? Prenom, string? Lien, string? Telephone,
    DateOnly? DateDesignation, DateOnly? DateCosignature, DateOnly? AutorisationDate, string? AutorisationReference);
public sealed record Revocation(DateOnly? Le, string? Motif);
public sealed record NouvelleInformation(MotifInformation? Motif, DateOnly? DateInformation, string? InformePar, bool RepresentantInforme, bool AttestationSignee, string? Commentaire);
public sealed record NouvellesDirectives(ExistenceDirectives? Existence, DetenteurDirectives? Detenteur, string? Lieu, DateOnly? DateInformation, string? Commentaire);

public sealed record ChoixVue(Guid Id, ActeSoumis Objet, string Phrase, SensChoix Sens, DateOnly DateDecision, ExprimePar ExprimePar, string? RepresentantNom,
    string? Commentaire, string RecueilliPar, DateTimeOffset RecueilliLe, DateOnly? RetireLe, string? RetirePar, string? CommentaireRetrait);
public sealed record EtatActe(ActeSoumis Acte, string Libelle, Regime Regime, string BaseLegale, DecisionChoix Decision, IReadOnlyList<ChoixVue> Historique);
public sealed record DesignationVue(Guid Id, Guid ContactId, string NomPersonne, DateOnly DateDesignation, DateOnly DateCosignature, DateOnly? AutorisationDate,
    string? AutorisationReference, string RecueilliPar, EtatDesignation Etat, DateOnly? RevoqueeLe, string? MotifRevocation);
public sealed record InformationVue(Guid Id, MotifInformation Motif, DateOnly DateInformation, string InformePar, bool RepresentantInforme, bool AttestationSignee,
    string? Commentaire, string RecueilliPar);
public sealed record DirectivesVue(Guid Id, ExistenceDirectives Existence, DetenteurDirectives? Detenteur, string? Lieu, DateOnly? DateInformation, string? Commentaire,
    string RecueilliPar, DateTimeOffset RecueilliLe);
/// <param name="RoleSansDesignation">Marked "personne de confiance" in the entourage before designations were recorded, with no active designation:
/// an older entry, to be confirmed by recording the written designation (or left: the next designation clears it).</param>
public sealed record ContactVue(Guid Id, string Nom, string? Lien, bool RoleSansDesignation);

/// <summary>Everything the record holds on the person's choices, personne de confiance and directives anticipées.</summary>
/// <param name="SousTutelle">A tutelle is in force: a designation needs the judge's or family council's authorisation.</param>
public sealed record ConsentementsDossier(Guid UsagerId, string Personne, bool Majeure, bool SousTutelle, bool PeutRecueillir,
    IReadOnlyList<EtatActe> Actes, IReadOnlyList<DesignationVue> Designations, IReadOnlyList<InformationVue> Informations,
    IReadOnlyList<DirectivesVue> Directives, IReadOnlyList<ContactVue> Contacts)
{
    public DesignationVue? Active => Designations.FirstOrDefault(d => d.Etat == EtatDesignation.Active);
}

/// <summary>
/// The person's choices and consents, their personne de confiance and directives anticipées: recorded by those who manage the
/// entourage and the care staff who collect them, read by whoever reads the record. Every change is in the change trail and the chronology.
/// </summary>
public sealed class GestionConsentements(OpenDuiDbContext db, PerimetreAcces perimetre, JournalAcces journal, ChoixDeLaPersonne choix, IEnumerable<IEffetChoix> effets)
{
    public const string Categorie = CategoriesChronologie.Entourage;
    public const string MessageUneSeule = "Une personne de confiance est déjà désignée : la loi n'en prévoit qu'une. Révoquez d'abord la désignation en cours.";
    public const string MotifFusion = "fusion de dossiers";

    /// <summary>Those who record the person's choices: the entourage's managers and the care staff who hear them.</summary>
    public static readonly Role[] Recueillants =
        [Role.Direction, Role.ChefDeService, Role.Secretariat, Role.TravailleurSocial, Role.Educateur, Role.Infirmier, Role.Medecin, Role.Psychologue];

    public async Task<Resultat<ConsentementsDossier>> LireAsync(Guid usagerId, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<ConsentementsDossier>.Introuvable();
        var dossier = await DossierAsync(usagerId, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<ConsentementsDossier>.Ok(dossier);
    }

    /// <summary>The record's state without a trace, for the record page's panel (the page traced its opening).</summary>
    internal async Task<ConsentementsDossier> DossierAsync(Guid usagerId, CancellationToken ct)
    {
        var u = await db.Usagers.AsNoTracking().Where(x => x.Id == usagerId)
            .Select(x => new { Nom = (x.PrenomUtilise ?? x.PremierPrenom) + " " + (x.NomUtilise ?? x.NomNaissance), x.DateNaissance }).SingleAsync(ct);
        var tous = await db.ChoixUsagers.AsNoTracking().Where(c => c.UsagerId == usagerId).ToListAsync(ct);
        var actes = Enum.GetValues<ActeSoumis>().Select(a =>
        {
            var historique = tous.Where(c => c.Objet == a).OrderByDescending(c => c.RecueilliLe).ThenByDescending(c => c.Id).ToList();
            var r = ReglesChoix.Regles[a];
            return new EtatActe(a, r.Libelle, r.Regime, r.BaseLegale, ReglesChoix.Decider(a, historique.FirstOrDefault()), historique.Select(Vue).ToList());
        }).ToList();
        var designations = await db.DesignationsPersonneDeConfiance.AsNoTracking().Where(d => d.UsagerId == usagerId)
            .OrderByDescending(d => d.RecueilliLe).ToListAsync(ct);
        var informations = await db.InformationsPersonneDeConfiance.AsNoTracking().Where(i => i.UsagerId == usagerId)
            .OrderByDescending(i => i.RecueilliLe).ToListAsync(ct);
        var directives = await db.DirectivesAnticipees.AsNoTracking().Where(d => d.UsagerId == usagerId)
            .OrderByDescending(d => d.RecueilliLe).ToListAsync(ct);
        var designe = designations.FirstOrDefault(d => d.Etat == EtatDesignation.Active)?.ContactId;
        var contacts = (await db.Contacts.AsNoTracking().Where(c => c.UsagerId == usagerId).OrderBy(c => c.Nom).ToListAsync(ct))
            .Select(c => new ContactVue(c.Id, c.Prenom + " " + c.Nom, c.Lien, c.Roles.HasFlag(RoleContact.PersonneDeConfiance) && c.Id != designe)).ToList();
        return new ConsentementsDossier(usagerId, u.Nom, EstMajeure(u.DateNaissance, db.Aujourdhui), await SousTutelleAsync(usagerId, ct),
            await perimetre.PeutAgirAsync(usagerId, Recueillants, ct), actes,
            designations.Select(d => new DesignationVue(d.Id, d.ContactId, d.NomPersonne, d.DateDesignation, d.DateCosignature, d.AutorisationDate,
                d.AutorisationReference, d.RecueilliParNom, d.Etat, d.RevoqueeLe, d.MotifRevocation)).ToList(),
            informations.Select(i => new InformationVue(i.Id, i.Motif, i.DateInformation, i.InformePar, i.RepresentantInforme, i.AttestationSignee, i.Commentaire, i.RecueilliParNom)).ToList(),
            directives.Select(d => new DirectivesVue(d.Id, d.Existence, d.Detenteur, d.Lieu, d.DateInformation, d.Commentaire, d.RecueilliParNom, d.RecueilliLe)).ToList(),
            contacts);
    }

    private static ChoixVue Vue(ChoixUsager c) => new(c.Id, c.Objet, c.Phrase(), c.Sens, c.DateDecision, c.ExprimePar, c.RepresentantNom, c.Commentaire,
        c.RecueilliParNom, c.RecueilliLe, c.RetireLe, c.RetireParNom, c.CommentaireRetrait);

    /// <summary>"May this act be done for the person now", through the API: within the perimeter, traced as a read of the record.</summary>
    public async Task<Resultat<DecisionChoix>> DecisionAsync(Guid usagerId, ActeSoumis acte, string ressource, CancellationToken ct)
    {
        if (!await perimetre.PeutLireAsync(usagerId, ct)) return Resultat<DecisionChoix>.Introuvable();
        if (!Enum.IsDefined(acte)) return Resultat<DecisionChoix>.Invalide("acte", "Acte inconnu.");
        var d = await choix.PeutAsync(usagerId, acte, ct);
        await journal.TracerLectureAsync(db, usagerId, ressource);
        return Resultat<DecisionChoix>.Ok(d);
    }

    public async Task<Resultat<Guid>> RecueillirChoixAsync(Guid usagerId, NouveauChoix n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (n.Objet is not { } objet || !Enum.IsDefined(objet)) e.Ajouter(nameof(n.Objet), "Choisissez ce sur quoi porte le choix de la personne.");
        if (n.Sens is not { } sens || !Enum.IsDefined(sens)) e.Ajouter(nameof(n.Sens), "Dites si la personne accepte ou refuse.");
        var date = Date(n.DateDecision, nameof(n.DateDecision), "La date de la décision", true, e);
        var (exprime, representant) = Expression(n.ExprimePar, n.RepresentantNom, e);
        var commentaire = Texte(n.Commentaire, nameof(n.Commentaire), "Le commentaire", ConfigurationChoixUsager.LongueurCommentaire, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var c = new ChoixUsager
        {
            UsagerId = usagerId, Objet = n.Objet!.Value, Sens = n.Sens!.Value, DateDecision = date!.Value, ExprimePar = exprime, RepresentantNom = representant,
            Commentaire = commentaire, RecueilliParId = db.Auteur.Id, RecueilliParNom = db.Auteur.Nom, RecueilliLe = db.Maintenant,
        };
        db.ChoixUsagers.Add(c);
        db.Noter(usagerId, "Choix", c.Phrase(), categorie: Categorie, lien: Lien(usagerId));
        var apres = await EffetsAsync(usagerId, c.Objet, ReglesChoix.Decider(c.Objet, c), ct);
        await db.SaveChangesAsync(ct);
        foreach (var a in apres) await a();
        return Resultat<Guid>.Ok(c.Id);
    }

    /// <summary>The person withdraws the decision in force (a consent, or an opposition: then it is lifted). It stays in the history.</summary>
    public async Task<Resultat<Guid>> RetirerChoixAsync(Guid choixId, RetraitChoix r, CancellationToken ct)
    {
        var c = await db.ChoixUsagers.SingleOrDefaultAsync(x => x.Id == choixId, ct);
        if (c is null || !await perimetre.PeutAgirAsync(c.UsagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        var le = Date(r.Le ?? db.Aujourdhui, nameof(r.Le), "La date du retrait", true, e);
        var commentaire = Texte(r.Commentaire, nameof(r.Commentaire), "Le commentaire", ConfigurationChoixUsager.LongueurCommentaire, false, e);
        if (le < c.DateDecision) e.Ajouter(nameof(r.Le), "Le retrait ne peut pas précéder la décision.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        if (c.RetireLe is not null) return Resultat<Guid>.Conflit("", "Cette décision a déjà été retirée.");
        var dernier = await ChoixDeLaPersonne.DernierAsync(db, c.UsagerId, c.Objet, ct);
        if (dernier?.Id != c.Id) return Resultat<Guid>.Conflit("", "Une décision plus récente a été enregistrée depuis : c'est elle qui s'applique.");
        c.RetireLe = le;
        c.RetireParNom = db.Auteur.Nom;
        c.CommentaireRetrait = commentaire;
        db.Noter(c.UsagerId, "Choix", ReglesChoix.Decider(c.Objet, c).Raison, categorie: Categorie, lien: Lien(c.UsagerId));
        var apres = await EffetsAsync(c.UsagerId, c.Objet, ReglesChoix.Decider(c.Objet, c), ct);
        await db.SaveChangesAsync(ct);
        foreach (var a in apres) await a();
        return Resultat<Guid>.Ok(c.Id);
    }

    public async Task<Resultat<Guid>> DesignerAsync(Guid usagerId, NouvelleDesignation n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        var naissance = await db.Usagers.Where(u => u.Id == usagerId).Select(u => u.DateNaissance).SingleAsync(ct);
        if (!EstMajeure(naissance, db.Aujourdhui))
            return Resultat<Guid>.Invalide("", "Une personne mineure ne peut pas désigner de personne de confiance (article L311-5-1 du code de l'action sociale et des familles : un majeur).");
        var designation = Date(n.DateDesignation, nameof(n.DateDesignation), "La date de la désignation", true, e);
        var cosignature = Date(n.DateCosignature, nameof(n.DateCosignature), "La date de cosignature par la personne désignée", true, e);
        if (designation is not null && cosignature is not null && cosignature < designation)
            e.Ajouter(nameof(n.DateCosignature), "La cosignature ne peut pas précéder la désignation.");
        var autorisation = Date(n.AutorisationDate, nameof(n.AutorisationDate), "La date de l'autorisation", false, e);
        var reference = Texte(n.AutorisationReference, nameof(n.AutorisationReference), "La référence de l'autorisation", 200, false, e);
        if (await SousTutelleAsync(usagerId, ct))
        {
            if (autorisation is null)
                e.Ajouter(nameof(n.AutorisationDate), "La personne est sous tutelle : indiquez la date de l'autorisation du juge ou du conseil de famille.");
            if (reference is null)
                e.Ajouter(nameof(n.AutorisationReference), "La personne est sous tutelle : indiquez la référence de l'autorisation du juge ou du conseil de famille.");
        }
        Contact? contact = null;
        if (n.ContactId is { } contactId)
        {
            contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.UsagerId == usagerId, ct);
            if (contact is null) e.Ajouter(nameof(n.ContactId), "Ce contact n'est pas dans l'entourage de la personne.");
        }
        else
        {
            var nom = Texte(n.Nom, nameof(n.Nom), "Le nom de la personne de confiance", 100, true, e);
            var prenom = Texte(n.Prenom, nameof(n.Prenom), "Le prénom de la personne de confiance", 100, true, e);
            var lien = Texte(n.Lien, nameof(n.Lien), "Le lien", 100, false, e);
            var tel = Texte(n.Telephone, nameof(n.Telephone), "Le téléphone", 30, false, e);
            if (!e.Any)
            {
                contact = new Contact { UsagerId = usagerId, Nom = nom!, Prenom = prenom!, Lien = lien, Telephone = tel };
                db.Contacts.Add(contact);
            }
        }
        if (e.Any) return Resultat<Guid>.Invalide(e);
        // A friendly answer when one is already known; the unique index is what holds against a concurrent designation.
        if (await db.DesignationsPersonneDeConfiance.AnyAsync(d => d.UsagerId == usagerId && d.Etat == EtatDesignation.Active, ct))
        {
            db.ChangeTracker.Clear();
            return Resultat<Guid>.Conflit("", MessageUneSeule);
        }
        // The entourage's role is derived from the designation: older entries of the flag give way to it.
        foreach (var ancien in await db.Contacts.Where(c => c.UsagerId == usagerId && c.Id != contact!.Id).ToListAsync(ct))
            ancien.Roles &= ~RoleContact.PersonneDeConfiance;
        contact!.Roles |= RoleContact.PersonneDeConfiance;
        var d = new DesignationPersonneDeConfiance
        {
            UsagerId = usagerId, ContactId = contact.Id, NomPersonne = $"{contact.Prenom} {contact.Nom}", DateDesignation = designation!.Value,
            DateCosignature = cosignature!.Value, AutorisationDate = autorisation, AutorisationReference = reference,
            RecueilliParId = db.Auteur.Id, RecueilliParNom = db.Auteur.Nom, RecueilliLe = db.Maintenant,
        };
        db.DesignationsPersonneDeConfiance.Add(d);
        db.Noter(usagerId, "PersonneDeConfiance", $"Personne de confiance désignée : {d.NomPersonne} (le {d.DateDesignation:dd/MM/yyyy})", categorie: Categorie, lien: Lien(usagerId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.DesignationsPersonneDeConfiance.AnyAsync(x => x.UsagerId == usagerId && x.Etat == EtatDesignation.Active, ct))
                return Resultat<Guid>.Conflit("", MessageUneSeule);
            throw;
        }
        return Resultat<Guid>.Ok(d.Id);
    }

    public async Task<Resultat<Guid>> RevoquerAsync(Guid designationId, Revocation r, CancellationToken ct)
    {
        var d = await db.DesignationsPersonneDeConfiance.SingleOrDefaultAsync(x => x.Id == designationId, ct);
        if (d is null || !await perimetre.PeutAgirAsync(d.UsagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        var le = Date(r.Le ?? db.Aujourdhui, nameof(r.Le), "La date de la révocation", true, e);
        var motif = Texte(r.Motif, nameof(r.Motif), "Le motif", 500, false, e);
        if (le < d.DateDesignation) e.Ajouter(nameof(r.Le), "La révocation ne peut pas précéder la désignation.");
        if (e.Any) return Resultat<Guid>.Invalide(e);
        if (d.Etat == EtatDesignation.Revoquee) return Resultat<Guid>.Conflit("", "Cette désignation est déjà révoquée.");
        d.Revoquer(le!.Value, motif ?? "révoquée par la personne", db.Auteur.Nom);
        await RoleAsync(d.ContactId, false, ct);
        db.Noter(d.UsagerId, "PersonneDeConfiance", $"Désignation de la personne de confiance révoquée : {d.NomPersonne} (le {le:dd/MM/yyyy})", categorie: Categorie, lien: Lien(d.UsagerId));
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(d.Id);
    }

    /// <summary>Sets or clears the entourage's "personne de confiance" role of a contact (it may have been removed since).</summary>
    internal async Task RoleAsync(Guid contactId, bool actif, CancellationToken ct) => await RoleAsync(db, contactId, actif, ct);

    internal static async Task RoleAsync(OpenDuiDbContext db, Guid contactId, bool actif, CancellationToken ct)
    {
        var c = await db.Contacts.SingleOrDefaultAsync(x => x.Id == contactId, ct);
        if (c is null) return;
        c.Roles = actif ? c.Roles | RoleContact.PersonneDeConfiance : c.Roles & ~RoleContact.PersonneDeConfiance;
    }

    public async Task<Resultat<Guid>> InformerAsync(Guid usagerId, NouvelleInformation n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (n.Motif is not { } motif || !Enum.IsDefined(motif)) e.Ajouter(nameof(n.Motif), "Dites comment la personne a été informée.");
        var date = Date(n.DateInformation, nameof(n.DateInformation), "La date de l'information", true, e);
        var par = Texte(n.InformePar, nameof(n.InformePar), n.Motif == MotifInformation.DonneeIci ? "Qui a informé la personne" : "L'établissement qui a informé la personne", 200, true, e);
        var commentaire = Texte(n.Commentaire, nameof(n.Commentaire), "Le commentaire", ConfigurationChoixUsager.LongueurCommentaire, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var i = new InformationPersonneDeConfiance
        {
            UsagerId = usagerId, Motif = n.Motif!.Value, DateInformation = date!.Value, InformePar = par!, RepresentantInforme = n.RepresentantInforme,
            AttestationSignee = n.AttestationSignee, Commentaire = commentaire, RecueilliParId = db.Auteur.Id, RecueilliParNom = db.Auteur.Nom, RecueilliLe = db.Maintenant,
        };
        db.InformationsPersonneDeConfiance.Add(i);
        db.Noter(usagerId, "PersonneDeConfiance", $"Information sur le droit de désigner une personne de confiance : {i.Motif.Libelle().ToLowerInvariant()} le {i.DateInformation:dd/MM/yyyy}"
            + (i.Motif == MotifInformation.DonneeIci ? (i.AttestationSignee ? ", attestation signée" : ", attestation non signée") : ""), categorie: Categorie, lien: Lien(usagerId));
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(i.Id);
    }

    public async Task<Resultat<Guid>> DirectivesAsync(Guid usagerId, NouvellesDirectives n, CancellationToken ct)
    {
        if (!await perimetre.PeutAgirAsync(usagerId, Recueillants, ct)) return Resultat<Guid>.Introuvable();
        var e = new Erreurs();
        if (n.Existence is not { } existence || !Enum.IsDefined(existence)) e.Ajouter(nameof(n.Existence), "Dites si la personne a rédigé des directives anticipées.");
        if (n.Detenteur is { } det && !Enum.IsDefined(det)) e.Ajouter(nameof(n.Detenteur), "Détenteur inconnu.");
        if (n.Existence != ExistenceDirectives.Oui && n.Detenteur is not null)
            e.Ajouter(nameof(n.Detenteur), "Le détenteur ne se renseigne que si les directives existent.");
        var lieu = Texte(n.Lieu, nameof(n.Lieu), "Le lieu", 300, false, e);
        var date = Date(n.DateInformation, nameof(n.DateInformation), "La date de l'information", false, e);
        var commentaire = Texte(n.Commentaire, nameof(n.Commentaire), "Le commentaire", ConfigurationChoixUsager.LongueurCommentaire, false, e);
        if (e.Any) return Resultat<Guid>.Invalide(e);
        var d = new DirectivesAnticipees
        {
            UsagerId = usagerId, Existence = n.Existence!.Value, Detenteur = n.Detenteur, Lieu = lieu, DateInformation = date, Commentaire = commentaire,
            RecueilliParId = db.Auteur.Id, RecueilliParNom = db.Auteur.Nom, RecueilliLe = db.Maintenant,
        };
        db.DirectivesAnticipees.Add(d);
        db.Noter(usagerId, "DirectivesAnticipees", $"Directives anticipées : {d.Existence.Libelle().ToLowerInvariant()}" + (d.Detenteur is { } x ? $", détenues par : {x.Libelle().ToLowerInvariant()}" : ""),
            categorie: Categorie, lien: Lien(usagerId));
        await db.SaveChangesAsync(ct);
        return Resultat<Guid>.Ok(d.Id);
    }

    /// <summary>What other modules do in this transaction when a decision changes; their actions to run once it is saved.</summary>
    private async Task<List<Func<Task>>> EffetsAsync(Guid usagerId, ActeSoumis acte, DecisionChoix decision, CancellationToken ct)
    {
        var apres = new List<Func<Task>>();
        foreach (var e in effets)
            if (await e.AppliquerAsync(usagerId, acte, decision, ct) is { } a) apres.Add(a);
        return apres;
    }

    public static bool EstMajeure(DateOnly naissance, DateOnly aujourdhui) => Age.EnAnnees(naissance, aujourdhui) >= 18;

    private async Task<bool> SousTutelleAsync(Guid usagerId, CancellationToken ct)
    {
        var jour = db.Aujourdhui;
        return await db.MesuresProtection.AnyAsync(m => m.UsagerId == usagerId && m.Type == TypeMesureProtection.Tutelle && m.DateDebut <= jour
            && (m.DateFin == null || m.DateFin >= jour), ct);
    }

    public static string Lien(Guid usagerId) => $"/Consentements/Dossier/{usagerId}";

    private DateOnly? Date(DateOnly? d, string champ, string libelle, bool obligatoire, Erreurs e)
    {
        if (d is null) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (d > db.Aujourdhui) { e.Ajouter(champ, $"{libelle} ne peut pas être dans le futur."); return null; }
        return d;
    }

    private static (ExprimePar, string?) Expression(ExprimePar? par, string? representant, Erreurs e)
    {
        var qui = par ?? ExprimePar.LaPersonne;
        if (!Enum.IsDefined(qui)) { e.Ajouter(nameof(NouveauChoix.ExprimePar), "Auteur du choix inconnu."); return (qui, null); }
        var nom = Texte(representant, nameof(NouveauChoix.RepresentantNom), "Le nom du représentant légal", 200, qui == ExprimePar.RepresentantLegal, e);
        return (qui, qui == ExprimePar.RepresentantLegal ? nom : null);
    }

    private static string? Texte(string? v, string champ, string libelle, int max, bool obligatoire, Erreurs e)
    {
        var t = v?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(t)) { if (obligatoire) e.Ajouter(champ, $"{libelle} est obligatoire."); return null; }
        if (t.Length > max) { e.Ajouter(champ, $"{libelle} dépasse {max} caractères."); return null; }
        if (t.Any(ch => ch is not ('\n' or '\t') && TexteLibre.EstInterdit(ch))) { e.Ajouter(champ, $"{libelle} contient un caractère invisible ou de contrôle non autorisé."); return null; }
        return t;
    }
}
