using OpenDui.Web.Features.Usagers;

namespace OpenDui.Web.Features.Consentements;

/// <summary>What an exchange or a use of the person's data asks permission for (<see cref="ChoixDeLaPersonne.PeutAsync"/>).</summary>
public enum ActeSoumis { DiffuserImage, PartagerHorsEquipe, AlimenterDmp, EcrireMessagerieMonEspaceSante, PhotoIdentification }

/// <summary>The person's answer: on a consent, "accepte" grants it; on an opposition regime, "refuse" is the opposition.</summary>
public enum SensChoix { Accepte, Refuse }

/// <summary>Who expressed the choice.</summary>
public enum ExprimePar { LaPersonne, RepresentantLegal }

/// <summary>The answer of "may X be done for this person now", with a plain French reason and the decision it rests on.</summary>
/// <param name="Depuis">The date of the decision (or of its withdrawal) that rules now; null when no decision was ever recorded.</param>
/// <param name="ChoixId">The recorded decision it rests on, or null.</param>
public sealed record DecisionChoix(bool Autorise, string Raison, DateOnly? Depuis, Guid? ChoixId);

/// <summary>How the law frames an act: a prior consent is needed, or it is done unless the person opposes.</summary>
public enum Regime { ConsentementPrealable, Opposition }

/// <param name="BaseLegale">The legal basis, in plain words with its references.</param>
public sealed record RegleChoix(ActeSoumis Acte, Regime Regime, string Libelle, string BaseLegale);

/// <summary>
/// The rules as data, in one place. Image rights and sharing outside the team need a prior consent: no record means no.
/// Feeding the DMP and writing to the Mon espace santé mailbox are done unless the person opposed.
/// </summary>
public static class ReglesChoix
{
    public static readonly IReadOnlyDictionary<ActeSoumis, RegleChoix> Regles = new Dictionary<ActeSoumis, RegleChoix>
    {
        [ActeSoumis.DiffuserImage] = new(ActeSoumis.DiffuserImage, Regime.ConsentementPrealable, "Diffusion de photos ou vidéos de la personne",
            "Droit à l'image (code civil, article 9) : aucune photo ni vidéo de la personne n'est diffusée sans son accord préalable, écrit et daté."),
        [ActeSoumis.PartagerHorsEquipe] = new(ActeSoumis.PartagerHorsEquipe, Regime.ConsentementPrealable, "Partage d'informations avec des professionnels hors de l'équipe",
            "Code de la santé publique, article L1110-4 III : hors de l'équipe de soins, le partage d'informations nécessite le consentement préalable de la personne."),
        [ActeSoumis.AlimenterDmp] = new(ActeSoumis.AlimenterDmp, Regime.Opposition, "Alimentation du dossier médical partagé (DMP)",
            "Code de la santé publique, articles L1111-14 et suivants : le DMP de Mon espace santé est alimenté sauf opposition de la personne (ou de son représentant légal)."),
        [ActeSoumis.EcrireMessagerieMonEspaceSante] = new(ActeSoumis.EcrireMessagerieMonEspaceSante, Regime.Opposition, "Messages dans la messagerie de Mon espace santé",
            "Code de la santé publique, articles L1111-13-1 et suivants (Mon espace santé) : les professionnels peuvent écrire à la messagerie de la personne sauf si elle s'y oppose."),
        [ActeSoumis.PhotoIdentification] = new(ActeSoumis.PhotoIdentification, Regime.ConsentementPrealable, "Photo d'identification pour la distribution des médicaments",
            "Droit à l'image (code civil, article 9) et RGPD (article 6) : la photo qui évite une erreur de personne pendant la distribution des médicaments n'est prise et gardée "
            + "qu'avec l'accord de la personne ou de son représentant légal ; un refus ou le retrait de l'accord l'efface."),
    };

    /// <summary>The decision, from the person's last recorded choice on this act (null when none was ever recorded).</summary>
    public static DecisionChoix Decider(ActeSoumis acte, ChoixUsager? dernier)
    {
        var regle = Regles[acte];
        if (dernier is null)
            return regle.Regime == Regime.ConsentementPrealable
                ? new(false, $"Aucun accord de la personne n'est enregistré : {regle.Libelle.ToLowerInvariant()} n'est pas permise.", null, null)
                : new(true, $"La personne ne s'y est pas opposée : {regle.Libelle.ToLowerInvariant()} est permise.", null, null);
        if (dernier.RetireLe is { } retrait)
            return regle.Regime == Regime.ConsentementPrealable
                ? new(false, $"{dernier.Auteur()} a retiré son accord le {retrait:dd/MM/yyyy}.", retrait, dernier.Id)
                : new(true, $"{dernier.Auteur()} a levé son opposition le {retrait:dd/MM/yyyy}.", retrait, dernier.Id);
        var autorise = dernier.Sens == SensChoix.Accepte;
        return new(autorise, $"{dernier.Phrase()} (décision du {dernier.DateDecision:dd/MM/yyyy}).", dernier.DateDecision, dernier.Id);
    }
}

/// <summary>
/// One decision of the person (or their legal representative) on one act, dated. A new decision supersedes the previous
/// one, which stays in the history; a withdrawal is dated on the decision itself. What rules now is the last recorded decision.
/// </summary>
public sealed class ChoixUsager : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public ActeSoumis Objet { get; set; }
    public SensChoix Sens { get; set; }
    public DateOnly DateDecision { get; set; }
    public ExprimePar ExprimePar { get; set; }
    /// <summary>The representative's name, when they expressed the choice.</summary>
    public string? RepresentantNom { get; set; }
    public string? Commentaire { get; set; }
    public Guid? RecueilliParId { get; set; }
    public required string RecueilliParNom { get; set; }
    public DateTimeOffset RecueilliLe { get; set; }
    public DateOnly? RetireLe { get; set; }
    public string? RetireParNom { get; set; }
    public string? CommentaireRetrait { get; set; }

    public string Auteur() => ExprimePar == ExprimePar.RepresentantLegal ? $"Son représentant légal ({RepresentantNom})" : "La personne";

    /// <summary>The decision in plain French ("La personne refuse que des photos d'elle soient diffusées").</summary>
    public string Phrase()
    {
        var qui = Auteur();
        var regime = ReglesChoix.Regles[Objet].Regime;
        return (Objet, Sens, regime) switch
        {
            (ActeSoumis.DiffuserImage, SensChoix.Accepte, _) => $"{qui} accepte que des photos ou vidéos de la personne soient diffusées",
            (ActeSoumis.DiffuserImage, SensChoix.Refuse, _) => $"{qui} refuse que des photos ou vidéos de la personne soient diffusées",
            (ActeSoumis.PartagerHorsEquipe, SensChoix.Accepte, _) => $"{qui} accepte que ses informations soient partagées avec des professionnels hors de l'équipe",
            (ActeSoumis.PartagerHorsEquipe, SensChoix.Refuse, _) => $"{qui} refuse que ses informations soient partagées avec des professionnels hors de l'équipe",
            (ActeSoumis.AlimenterDmp, SensChoix.Accepte, _) => $"{qui} ne s'oppose pas à l'alimentation de son DMP",
            (ActeSoumis.AlimenterDmp, SensChoix.Refuse, _) => $"{qui} s'oppose à l'alimentation de son DMP",
            (ActeSoumis.EcrireMessagerieMonEspaceSante, SensChoix.Accepte, _) => $"{qui} accepte de recevoir des messages dans Mon espace santé",
            (ActeSoumis.EcrireMessagerieMonEspaceSante, SensChoix.Refuse, _) => $"{qui} s'oppose à recevoir des messages dans Mon espace santé",
            (ActeSoumis.PhotoIdentification, SensChoix.Accepte, _) => $"{qui} accepte qu'une photo d'identification soit gardée pour la distribution des médicaments",
            (ActeSoumis.PhotoIdentification, SensChoix.Refuse, _) => $"{qui} refuse qu'une photo d'identification soit gardée",
            _ => $"{qui} : {Objet} {Sens}",
        };
    }
}

public enum EtatDesignation { Active, Revoquee }

/// <summary>
/// The designation of a personne de confiance (CASF L311-5-1, CSP L1111-6): written, co-signed by the designated person,
/// revocable. One active designation per person, held by the database (unique filtered index). It names a contact of the
/// entourage, whose "personne de confiance" role is derived from it (set and cleared only here).
/// </summary>
public sealed class DesignationPersonneDeConfiance : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid ContactId { get; set; }
    /// <summary>The designated person's name when designated: kept if the contact changes later.</summary>
    public required string NomPersonne { get; set; }
    public DateOnly DateDesignation { get; set; }
    public DateOnly DateCosignature { get; set; }
    /// <summary>Authorisation of the judge or family council, for a person under tutelle.</summary>
    public DateOnly? AutorisationDate { get; set; }
    public string? AutorisationReference { get; set; }
    public Guid? RecueilliParId { get; set; }
    public required string RecueilliParNom { get; set; }
    public DateTimeOffset RecueilliLe { get; set; }
    public EtatDesignation Etat { get; set; } = EtatDesignation.Active;
    public DateOnly? RevoqueeLe { get; set; }
    public string? MotifRevocation { get; set; }
    public string? RevoqueeParNom { get; set; }

    public void Revoquer(DateOnly le, string motif, string par)
    {
        Etat = EtatDesignation.Revoquee;
        RevoqueeLe = le;
        MotifRevocation = motif;
        RevoqueeParNom = par;
    }

    public void Retablir()
    {
        Etat = EtatDesignation.Active;
        RevoqueeLe = null;
        MotifRevocation = null;
        RevoqueeParNom = null;
    }
}

/// <summary>Why the information interview is recorded: given here, or not required (CASF D311-0-4).</summary>
public enum MotifInformation
{
    /// <summary>The director (or a designated person) informed the person here.</summary>
    DonneeIci,
    /// <summary>Already informed by another ESSMS or a hospital.</summary>
    DonneeParAutreEtablissement,
    /// <summary>An asylum seeker informed by the OFII.</summary>
    DonneeParOfii,
}

/// <summary>The dated record that the person (and legal representative) was informed of the right to designate a personne de confiance.</summary>
public sealed class InformationPersonneDeConfiance : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public MotifInformation Motif { get; set; }
    public DateOnly DateInformation { get; set; }
    /// <summary>Who informed (the director or the person designated by them), or the other establishment.</summary>
    public required string InformePar { get; set; }
    public bool RepresentantInforme { get; set; }
    /// <summary>The attestation signed by the director and the person (and representative).</summary>
    public bool AttestationSignee { get; set; }
    public string? Commentaire { get; set; }
    public Guid? RecueilliParId { get; set; }
    public required string RecueilliParNom { get; set; }
    public DateTimeOffset RecueilliLe { get; set; }
}

public enum ExistenceDirectives { Oui, Non, NeSaitPas, RefuseDeRepondre }
public enum DetenteurDirectives { LaPersonne, MedecinTraitant, PersonneDeConfiance, Proche, MonEspaceSante }

/// <summary>Whether the person wrote directives anticipées (CSP L1111-11), who holds them and where: one row per update, the last rules.</summary>
public sealed class DirectivesAnticipees : IDonneeUsager<Guid>
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public ExistenceDirectives Existence { get; set; }
    public DetenteurDirectives? Detenteur { get; set; }
    public string? Lieu { get; set; }
    public DateOnly? DateInformation { get; set; }
    public string? Commentaire { get; set; }
    public Guid? RecueilliParId { get; set; }
    public required string RecueilliParNom { get; set; }
    public DateTimeOffset RecueilliLe { get; set; }
}

public static class LibellesConsentements
{
    public static string Libelle(this ActeSoumis a) => ReglesChoix.Regles[a].Libelle;

    public static string Libelle(this ExistenceDirectives e) => e switch
    {
        ExistenceDirectives.Oui => "Oui, la personne a rédigé des directives anticipées",
        ExistenceDirectives.Non => "Non, pas de directives anticipées",
        ExistenceDirectives.NeSaitPas => "La personne ne sait pas",
        ExistenceDirectives.RefuseDeRepondre => "La personne refuse de répondre",
        _ => e.ToString(),
    };

    public static string Libelle(this DetenteurDirectives d) => d switch
    {
        DetenteurDirectives.LaPersonne => "La personne elle-même",
        DetenteurDirectives.MedecinTraitant => "Son médecin traitant",
        DetenteurDirectives.PersonneDeConfiance => "Sa personne de confiance",
        DetenteurDirectives.Proche => "Un proche",
        DetenteurDirectives.MonEspaceSante => "Mon espace santé",
        _ => d.ToString(),
    };

    public static string Libelle(this MotifInformation m) => m switch
    {
        MotifInformation.DonneeIci => "Information donnée dans l'établissement",
        MotifInformation.DonneeParAutreEtablissement => "Déjà informée par un autre établissement ou un hôpital",
        MotifInformation.DonneeParOfii => "Demandeur d'asile informé par l'OFII",
        _ => m.ToString(),
    };

    public static string Libelle(this ExprimePar e) => e == ExprimePar.LaPersonne ? "La personne" : "Son représentant légal";
}
