using OpenDui.Referentiel.Identifiants;

namespace OpenDui.Web.Interop.Dmp;

/// <summary>A coded value of the XDS metadata (code, code system OID, display name).</summary>
public sealed record CodeDmp(string Code, string Systeme, string Libelle)
{
    /// <summary>ESSMS in TRE_A01 (cadre d'exercice): the practiceSettingCode of the sector.</summary>
    public static readonly CodeDmp PratiqueEssms = new("ESSMS", "1.2.250.1.213.1.1.4.9", "Etablissement ou Service Social ou Médico-Social");
    public static readonly CodeDmp ConfidentialiteNormale = new("N", "2.16.840.1.113883.5.25", "Normal");
    /// <summary>A healthcareFacilityTypeCode of TRE_R02 (secteur d'activité), e.g. SA17.</summary>
    public static CodeDmp Secteur(string code, string libelle = "") => new(code, "1.2.250.1.71.4.2.4", libelle);
}

/// <summary>The person's INS (matricule of 15 characters and the OID of its authority), only for a qualified identity.</summary>
public sealed record InsDmp(string Matricule, string Oid)
{
    /// <summary>The XDS patientId (CX): matricule^^^&amp;OID&amp;ISO.</summary>
    public string IdentifiantXds => $"{Matricule}^^^&{Oid}&ISO";

    /// <summary>The VIHF resource-id: the same CX with the identifier type NH.</summary>
    public string RessourceVihf => IdentifiantXds + "^NH";

    public bool EstValide(bool accepterOidTest) =>
        MatriculeIns.TryParse(Matricule, out var m, out _) && m.Valeur == Matricule
        && (Oid is MatriculeIns.OidNir or MatriculeIns.OidNia || (accepterOidTest && Oid is MatriculeIns.OidNirTest or MatriculeIns.OidNirDemo));
}

/// <summary>The professional acting (VIHF subject and XDS author). <see cref="IdNational"/> is the national
/// professional id (8 + RPPS, or 3 + FINESS + "/" + local id for staff without RPPS); <see cref="Profession"/> the
/// first VIHF role (TRE_G15 profession or TRE_R85 role), <see cref="Specialite"/> the author specialty (JDV_J01).</summary>
public sealed record ActeurDmp(string IdNational, string Nom, string Prenom, CodeDmp Profession, CodeDmp? Specialite = null, string? Service = null);

/// <summary>Access mode of the VIHF purposeofuse (TRE_R? "mode d'accès", system 1.2.250.1.213.1.1.4.248).</summary>
public enum ModeAccesDmp { Normal }

/// <summary>The structure that acts (the ESSMS of the séjour): its national identifier (idNatSt "1" + FINESS
/// géographique), name and activity sector (TRE_R02). In a grappe each ESSMS is its own structure for the DMP.</summary>
public sealed record StructureDmp(string IdNational, string Nom, CodeDmp Secteur)
{
    public static StructureDmp DepuisFiness(string finessEt, string nom, CodeDmp secteur) => new("1" + finessEt, nom, secteur);
}

/// <summary>Who acts, for whom, in which structure. For an automated processing (the outbox), <see cref="Acteur"/> is
/// the professional responsible for it, as the VIHF rules ask (the subject is always a person).</summary>
public sealed record ContexteDmp(InsDmp Ins, ActeurDmp Acteur, StructureDmp Structure, ModeAccesDmp Mode = ModeAccesDmp.Normal);

/// <summary>Visibility of a document (JDV_J08 confidentiality codes of system 1.2.250.1.213.1.1.4.13).</summary>
public sealed record VisibiliteDmp(bool InvisiblePatient = false, bool MasqueProfessionnels = false, bool InvisibleRepresentantsLegaux = false)
{
    public const string Systeme = "1.2.250.1.213.1.1.4.13";
    public static readonly VisibiliteDmp Normale = new();

    public IEnumerable<CodeDmp> Codes()
    {
        if (InvisiblePatient) yield return new("INVISIBLE_PATIENT", Systeme, "Non visible par le patient");
        if (MasqueProfessionnels) yield return new("MASQUE_PS", Systeme, "Masqué aux professionnels de santé");
        if (InvisibleRepresentantsLegaux) yield return new("INVISIBLE_REPRESENTANTS_LEGAUX", Systeme, "Non visible par les représentants légaux du patient");
    }

    public static VisibiliteDmp Depuis(IEnumerable<string> codes)
    {
        var c = codes.ToHashSet();
        return new(c.Contains("INVISIBLE_PATIENT"), c.Contains("MASQUE_PS"), c.Contains("INVISIBLE_REPRESENTANTS_LEGAUX"));
    }
}

/// <summary>The person's traits as the document's producer knows them (XDS sourcePatientInfo). Sexe: F, M or U.</summary>
public sealed record PatientSource(string NomNaissance, string Prenom, char Sexe, DateOnly DateNaissance);

/// <summary>
/// The XDS metadata of one document (DocumentEntry), the content being given beside it. Codes are those of the CDA
/// header (the CDA helper produces them); hash and size are computed by the client.
/// </summary>
public sealed record MetadonneesDmp
{
    /// <summary>The document's unique id (the CDA ClinicalDocument/id: root, or root^extension), at most 128 characters.</summary>
    public required string UniqueId { get; init; }
    public required string Titre { get; init; }
    /// <summary>classCode (TRE_A03, system 1.2.250.1.213.1.1.4.1), e.g. 11 synthèse.</summary>
    public required CodeDmp Classe { get; init; }
    /// <summary>typeCode (JDV_J07), e.g. 80788-3 projet personnalisé d'accompagnement.</summary>
    public required CodeDmp Type { get; init; }
    /// <summary>formatCode, e.g. urn:ihe:iti:xds-sd:pdf:2008 (PDF in a level-1 CDA).</summary>
    public required CodeDmp Format { get; init; }
    public CodeDmp Pratique { get; init; } = CodeDmp.PratiqueEssms;
    /// <summary>healthcareFacilityTypeCode (TRE_R02); null: the structure's sector of the options.</summary>
    public CodeDmp? TypeEtablissement { get; init; }
    public CodeDmp Confidentialite { get; init; } = CodeDmp.ConfidentialiteNormale;
    public VisibiliteDmp Visibilite { get; init; } = VisibiliteDmp.Normale;
    public required DateTimeOffset CreeLe { get; init; }
    public DateTimeOffset? DebutActe { get; init; }
    public DateTimeOffset? FinActe { get; init; }
    public string Langue { get; init; } = "fr-FR";
    public string TypeMime { get; init; } = "text/xml";
    /// <summary>The author of the document (the acting professional when null).</summary>
    public ActeurDmp? Auteur { get; init; }
    /// <summary>authorRole (functional role towards the person), optional.</summary>
    public string? RoleAuteur { get; init; }
    public required PatientSource Patient { get; init; }
    public string? Commentaire { get; init; }
    public IReadOnlyList<CodeDmp> Evenements { get; init; } = [];
}

/// <summary>A document to deposit: its bytes (the CDA) and its metadata.</summary>
public sealed record DocumentPourDmp(byte[] Contenu, MetadonneesDmp Metadonnees);

/// <summary>The outcome of an add or a replacement. <see cref="DejaPresent"/>: the DMP already held this uniqueId
/// with the same content (a re-sent add after a lost answer): a success, there is still one document per version.</summary>
public sealed record DepotDmp(string UniqueId, string EntryUuid, bool DejaPresent);

/// <summary>TD0.2 statuses.</summary>
public enum StatutDmp
{
    /// <summary>The DMP exists and the structure may feed and read it.</summary>
    Existe,
    /// <summary>No DMP for this INS (never created, or the person has no Mon espace santé).</summary>
    Absent,
    /// <summary>The DMP is closed.</summary>
    Ferme,
    /// <summary>The DMP exists but this structure/professional may not access it.</summary>
    AccesRefuse,
    /// <summary>The person objected to the feeding of their DMP.</summary>
    Opposition,
}

/// <summary>Identity traits held by the DMP, to compare with the record's INS traits.</summary>
public sealed record TraitsDmp(string NomNaissance, string Prenoms, char Sexe, DateOnly DateNaissance)
{
    /// <summary>The French names of the traits that differ from the record's (comparison without case, accents or extra spaces).</summary>
    public IReadOnlyList<string> Ecarts(string nomNaissance, string prenoms, char sexe, DateOnly dateNaissance)
    {
        var e = new List<string>();
        if (Norme(NomNaissance) != Norme(nomNaissance)) e.Add("nom de naissance");
        if (Norme(Prenoms) != Norme(prenoms)) e.Add("prénoms de naissance");
        if (char.ToUpperInvariant(Sexe) != char.ToUpperInvariant(sexe)) e.Add("sexe");
        if (DateNaissance != dateNaissance) e.Add("date de naissance");
        return e;
    }

    private static string Norme(string s) =>
        string.Join(' ', new string(s.Normalize(System.Text.NormalizationForm.FormD)
                .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray())
            .ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>TD0.2 answer: the status and, when the DMP exists, the traits it holds.</summary>
public sealed record EtatDmp(StatutDmp Statut, TraitsDmp? Traits)
{
    public bool PeutAlimenter => Statut == StatutDmp.Existe;
}

/// <summary>One entry of a TD3.1 search (no content).</summary>
public sealed record DocumentDmp(string EntryUuid, string UniqueId, string RepositoryUniqueId, string Titre, CodeDmp? Type, CodeDmp? Classe,
    DateTimeOffset? CreeLe, string Statut, VisibiliteDmp Visibilite, string? TypeMime, long? Taille, string? Empreinte)
{
    public bool Approuve => Statut.EndsWith(":Approved", StringComparison.Ordinal);
}

/// <summary>A retrieved document (TD3.2).</summary>
public sealed record DocumentRecupere(string UniqueId, string TypeMime, byte[] Contenu);

/// <summary>Why a call failed. <see cref="ResultatDmp{T}.AReessayer"/> tells the outbox which ones to retry.</summary>
public enum ErreurDmp
{
    /// <summary>The DMP settings are incomplete: nothing was sent.</summary>
    NonConfigure,
    /// <summary>The request is wrong before any call (INS, metadata): nothing was sent.</summary>
    Invalide,
    /// <summary>The organisation's certificate is unusable (missing, expired, no private key, wrong password).</summary>
    Certificat,
    /// <summary>No answer within the time-out: the call may or may not have been processed.</summary>
    DelaiDepasse,
    /// <summary>Connection refused, cut, TLS refused: the call may or may not have been processed.</summary>
    Injoignable,
    /// <summary>The service answered it is unavailable (SOAP Receiver fault, HTTP 5xx).</summary>
    ServiceIndisponible,
    /// <summary>The answer is not what the contract allows.</summary>
    ReponseInvalide,
    /// <summary>The DMP refused the request (XDS RegistryError, SOAP Sender fault): final.</summary>
    Refus,
    /// <summary>The DMP refused access (no DMP, closed, opposition, not authorised): final.</summary>
    AccesRefuse,
    /// <summary>The document is not in the DMP (or not any more).</summary>
    Introuvable,
}

/// <summary>The result of one DMP call: a value, or an error with a French message without personal data and the
/// technical code of the DMP (XDS error code or SOAP fault code) when there is one.</summary>
public sealed record ResultatDmp<T>
{
    public T? Valeur { get; private init; }
    public ErreurDmp? Erreur { get; private init; }
    public string Message { get; private init; } = "";
    public string? Code { get; private init; }

    public bool Reussi => Erreur is null;
    /// <summary>A transient failure: the outbox retries it later (a re-sent add is recognised by its uniqueId).</summary>
    public bool AReessayer => Erreur is ErreurDmp.DelaiDepasse or ErreurDmp.Injoignable or ErreurDmp.ServiceIndisponible or ErreurDmp.ReponseInvalide;

    public static ResultatDmp<T> Ok(T valeur, string message) => new() { Valeur = valeur, Message = message };
    public static ResultatDmp<T> Echec(ErreurDmp erreur, string message, string? code = null) => new() { Erreur = erreur, Message = message, Code = code };
}
