using OpenDui.Referentiel.Identifiants;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Web.Interop.Cda;

/// <summary>An HL7 instance identifier (II): an OID root and, when the root names a register, the extension.</summary>
public sealed record IdentifiantCda(string Racine, string? Extension = null)
{
    /// <summary>Health professional by RPPS: national identifier "8" + RPPS (TRE_G08), root 1.2.250.1.71.4.2.1.</summary>
    public static IdentifiantCda Rpps(string rpps) => new("1.2.250.1.71.4.2.1", "8" + rpps);
    /// <summary>Health professional by ADELI: national identifier "0" + ADELI, root 1.2.250.1.71.4.2.1.</summary>
    public static IdentifiantCda Adeli(string adeli) => new("1.2.250.1.71.4.2.1", "0" + adeli);
    /// <summary>Structure by FINESS établissement: national identifier "1" + FINESS ET, root 1.2.250.1.71.4.2.2.</summary>
    public static IdentifiantCda FinessEt(string finess) => new("1.2.250.1.71.4.2.2", "1" + finess);
}

/// <summary>A coded value (CE/CD): code, display name (French), code system OID and its name.</summary>
public sealed record CodeCda(string Code, string Libelle, string Systeme, string? NomSysteme = null);

/// <summary>A postal address in parts (structuration minimale forbids mixing a free line with parts).</summary>
public sealed record AdresseCda(string? Voie, string? CodePostal, string? Ville, string? Pays = null);

/// <summary>A telephone number or e-mail address; <c>Usage</c> is HL7's (H home, WP work, MC mobile, EC emergency).</summary>
public sealed record TelecomCda(string Valeur, string? Usage = null)
{
    public static TelecomCda Telephone(string numero, string? usage = null) =>
        new("tel:" + new string(numero.Where(c => char.IsDigit(c) || c == '+').ToArray()), usage);
    public static TelecomCda Courriel(string adresse, string? usage = null) => new("mailto:" + adresse, usage);
}

public enum SexeCda { F, M, Inconnu }

/// <summary>The national health identifier: matricule INS and the OID of its register (NIR, NIA, or test registers).</summary>
public sealed record InsCda(string Matricule, string Oid);

/// <summary>
/// The person the document is about. <see cref="Ins"/> leaves the DUI only for a qualified identity (RNIV): the
/// caller passes what <c>IdentifiantsSortants.InsSortant</c> gives. With an INS, every INS trait is required (birth
/// name, birth first names, date, sex, INSEE code of the birthplace), and the writer refuses a header without them.
/// <see cref="IdentifiantLocal"/> is the IPP, rooted at the organisation's OID, always present.
/// </summary>
public sealed record PatientCda(
    string NomNaissance,
    IReadOnlyList<string> PrenomsNaissance,
    DateOnly DateNaissance,
    SexeCda Sexe,
    IdentifiantCda IdentifiantLocal,
    string? NomUtilise = null,
    string? PrenomUtilise = null,
    string? CodeInseeLieuNaissance = null,
    InsCda? Ins = null,
    AdresseCda? Adresse = null,
    IReadOnlyList<TelecomCda>? Telecoms = null);

/// <summary>A professional: RPPS/ADELI (<see cref="IdentifiantCda.Rpps"/>) or a local id under the organisation's OID;
/// <see cref="Role"/> from JDV_J01 (profession/specialty TRE_G15, or a medico-social role).</summary>
public sealed record ProfessionnelCda(
    IdentifiantCda Identifiant,
    string Nom,
    string Prenom,
    CodeCda Role,
    IReadOnlyList<TelecomCda>? Telecoms = null);

/// <summary>TRE_R02 healthcare facility type of the ESSMS's sector (the DMP's healthcareFacilityTypeCode).</summary>
public sealed record SecteurCda(string Code, string Libelle)
{
    public const string Systeme = "1.2.250.1.71.4.2.4";
    public static readonly SecteurCda PersonnesHandicapees = new("SA16", "Etablissement pour personnes handicapées");
    public static readonly SecteurCda PersonnesAgees = new("SA17", "Etablissement pour personnes âgées");
    public static readonly SecteurCda AideFamille = new("SA18", "Etablissement aide à la famille");
    public static readonly SecteurCda ProtectionEnfance = new("SA20", "Etablissement pour la protection de l'enfance");
    public static readonly SecteurCda HebergementReadaptation = new("SA21", "Etablissement d'hébergement et de réadaptation");
    public static readonly SecteurCda AutreSocialMedicoSocial = new("SA41", "Autre établissement du domaine social ou médico-social");

    /// <summary>From the champ d'activité of the ESSMS's FINESS category; home services and the rest: SA41.</summary>
    public static SecteurCda Depuis(ChampActivite? champ) => champ switch
    {
        ChampActivite.PA => PersonnesAgees,
        ChampActivite.PH => PersonnesHandicapees,
        ChampActivite.PDE => ProtectionEnfance,
        ChampActivite.AHI => HebergementReadaptation,
        _ => AutreSocialMedicoSocial,
    };
}

/// <summary>The ESSMS that holds the record: custodian, author's organisation, place of the encounter.</summary>
public sealed record EssmsCda(string FinessEt, string Nom, SecteurCda Secteur, AdresseCda? Adresse = null, string? Telephone = null)
{
    public IdentifiantCda Identifiant => IdentifiantCda.FinessEt(FinessEt);
}

/// <summary>The act the document records (documentationOf/serviceEvent): its performer and its period.</summary>
public sealed record ActeCda(DateTimeOffset Debut, DateTimeOffset? Fin, ProfessionnelCda Executant, CodeCda? Code = null);

public enum ConfidentialiteCda { Normal, Restreint, TresRestreint }

/// <summary>
/// What the French CDA header ("structuration minimale" of the CI-SIS) needs; pure data, the caller gathers it.
/// <see cref="Identifiant"/>: unique id of this version (OID root of the organisation + extension, or a bare OID);
/// <see cref="Lot"/> (setId) is shared by every version, <see cref="Version"/> counts them from 1.
/// <see cref="Sejour"/>: the encounter (componentOf), from the admission date.
/// </summary>
public sealed record EnteteCda(
    IdentifiantCda Identifiant,
    IdentifiantCda Lot,
    int Version,
    TypeDocumentCda Type,
    string Titre,
    DateTimeOffset Date,
    PatientCda Patient,
    ProfessionnelCda Auteur,
    EssmsCda Essms,
    ProfessionnelCda Signataire,
    ActeCda Acte,
    DateTimeOffset DebutSejour,
    DateTimeOffset? FinSejour = null,
    ConfidentialiteCda Confidentialite = ConfidentialiteCda.Normal)
{
    /// <summary>True when the header will carry the INS (the identity was qualified and the INS given).</summary>
    public bool PorteIns => Patient.Ins is not null;

    /// <summary>Why this header cannot be written, or null: INS rules and required values.</summary>
    public string? Incoherence()
    {
        if (Version < 1) return "Le numéro de version du document commence à 1.";
        if (string.IsNullOrWhiteSpace(Titre)) return "Le titre du document est obligatoire.";
        if (Patient.PrenomsNaissance.Count == 0 || Patient.PrenomsNaissance.Any(string.IsNullOrWhiteSpace))
            return "Les prénoms de naissance de la personne sont obligatoires.";
        if (Patient.Ins is { } ins)
        {
            if (!MatriculeIns.OidsConnus.Contains(ins.Oid)) return "L'OID de l'INS n'est pas un OID d'INS.";
            if (Patient.Sexe == SexeCda.Inconnu) return "Une identité qualifiée porte le sexe F ou M.";
            if (string.IsNullOrWhiteSpace(Patient.CodeInseeLieuNaissance))
                return "Avec l'INS, le code INSEE du lieu de naissance est obligatoire.";
        }
        return null;
    }
}

/// <summary>A document type of the CI-SIS (XDS typeCode, JDV_J07) with its class (TRE_A03).</summary>
public sealed record TypeDocumentCda(CodeCda Code, string ClasseCode)
{
    private const string Loinc = "2.16.840.1.113883.6.1";
    public static readonly TypeDocumentCda ProjetPersonnalise = new(new("80788-3", "Projet personnalisé d'accompagnement", Loinc, "LOINC"), "11");
    public static readonly TypeDocumentCda GrilleEvaluation = new(new("34842-5", "Grille d'évaluation médico-social", Loinc, "LOINC"), "11");
    public static readonly TypeDocumentCda BilanAutonomie = new(new("BIL_AUTO", "CR de bilan d'évaluation de la perte d'autonomie", "1.2.250.1.213.1.1.4.12", "TRE_A05-TypeDocComplementaire"), "11");
    /// <summary>Contract, DIPC and other documents of the sector that no finer code names.</summary>
    public static readonly TypeDocumentCda DocumentSecteurSocial = new(new("28653-4", "Document du secteur social / médico-social", Loinc, "LOINC"), "95");
    public static readonly TypeDocumentCda LettreLiaisonEntree = new(new("88348-8", "Lettre de liaison d'entrée en structure sociale ou médico-sociale", Loinc, "LOINC"), "11");
    public static readonly TypeDocumentCda LettreLiaisonSortie = new(new("83981-1", "Lettre de liaison à la sortie d'une structure sociale ou médico-sociale", Loinc, "LOINC"), "11");
    public static readonly TypeDocumentCda DocumentLiaisonUrgence = new(new("74207-2", "Document de liaison d'urgence", Loinc, "LOINC"), "11");
}
