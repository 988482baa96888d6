using OpenDui.Referentiel.Identifiants;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

/// <summary>
/// The person supported. One record across every ESSMS of the organisation. Identity follows the RNIV:
/// birth traits (the reference), used traits (local), and a trust level computed from two independent facts
/// (retrieved through INSi? checked against a high-trust document?) and the attributes douteuse/fictive.
/// </summary>
public sealed class Usager : IRacineUsager
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid OrganismeId { get; set; }

    // Traits de naissance (the reference identity).
    public string NomNaissance { get; private set; } = "";
    /// <summary>Birth first names, space separated, in civil-status order.</summary>
    public string PrenomsNaissance { get; private set; } = "";
    public string PremierPrenom { get; private set; } = "";
    public Sexe Sexe { get; private set; }
    public DateOnly DateNaissance { get; private set; }
    /// <summary>INSEE COG code of the birthplace (99xxx abroad).</summary>
    public string? LieuNaissance { get; private set; }

    // Traits utilisés (local).
    public string? NomUtilise { get; private set; }
    public string? PrenomUtilise { get; private set; }

    /// <summary>Folded names for search and duplicate detection.</summary>
    public string NomRecherche { get; private set; } = "";
    public string? NomUtiliseRecherche { get; private set; }

    public StatutIdentite Statut { get; private set; } = StatutIdentite.Provisoire;
    public bool RecupereeViaInsi { get; private set; }
    public DateTimeOffset? DateRecuperationInsi { get; private set; }
    public TypeJustificatif? JustificatifType { get; private set; }
    public DateOnly? JustificatifDate { get; private set; }
    public bool Douteuse { get; private set; }
    public bool Fictive { get; private set; }
    public bool Homonyme { get; private set; }

    /// <summary>Matricule INS as recorded (checked by its key); usable outward only when <see cref="Statut"/> is QUAL.</summary>
    public string? MatriculeIns { get; private set; }
    public string? OidIns { get; private set; }

    public DateTimeOffset CreeLe { get; set; }
    /// <summary>Set when this record was merged into another one (it then disappears from every list).</summary>
    public Guid? FusionneDansId { get; set; }
    public uint Version { get; set; }

    public List<IdentifiantLocal> IdentifiantsLocaux { get; set; } = [];
    public List<Contact> Contacts { get; set; } = [];
    public List<MesureProtection> MesuresProtection { get; set; } = [];
    public List<Sejour> Sejours { get; set; } = [];

    public string NomAffiche => $"{NomUtilise ?? NomNaissance} {PrenomUtilise ?? PremierPrenom}";

    private Usager() { }

    public static Usager Creer(Guid organismeId, TraitsIdentite traits, DateTimeOffset maintenant)
    {
        var u = new Usager { OrganismeId = organismeId, CreeLe = maintenant };
        u.ModifierTraits(traits);
        return u;
    }

    /// <summary>Changes the traits. Birth traits of a record whose identity was retrieved through INSi are
    /// the INS traits, and a document was checked against the birth traits: changing them by hand drops both
    /// facts (the identity falls back to PROV until INSi and the document are consulted again).</summary>
    public void ModifierTraits(TraitsIdentite t)
    {
        var naissanceChangee = NomNaissance != t.NomNaissance || PrenomsNaissance != t.PrenomsNaissance
            || Sexe != t.Sexe || DateNaissance != t.DateNaissance || LieuNaissance != t.LieuNaissance;
        NomNaissance = t.NomNaissance;
        PrenomsNaissance = t.PrenomsNaissance;
        PremierPrenom = t.PremierPrenom;
        Sexe = t.Sexe;
        DateNaissance = t.DateNaissance;
        LieuNaissance = t.LieuNaissance;
        NomUtilise = t.NomUtilise;
        PrenomUtilise = t.PrenomUtilise;
        NomRecherche = Noms.Plier(t.NomNaissance);
        NomUtiliseRecherche = t.NomUtilise is null ? null : Noms.Plier(t.NomUtilise);
        if (naissanceChangee)
        {
            OublierInsi();
            OublierJustificatif();
        }
        RecalculerStatut();
    }

    /// <summary>Records the check of an identity document. Only a high-trust document validates.</summary>
    public Erreurs ValiderParJustificatif(TypeJustificatif type, DateOnly dateControle, DateOnly aujourdhui)
    {
        var erreurs = new Erreurs();
        if (Douteuse || Fictive)
            erreurs.Ajouter("", "Une identité douteuse ou fictive ne peut pas être validée : levez d'abord l'attribut.");
        var mineur = DateNaissance.AddYears(18) > dateControle;
        if (!type.EstAccepte(mineur))
            erreurs.Ajouter(nameof(type), "Ce justificatif n'est accepté que pour un mineur : l'identité ne peut pas être validée avec lui.");
        if (dateControle > aujourdhui)
            erreurs.Ajouter(nameof(dateControle), "La date du contrôle ne peut pas être dans le futur.");
        if (dateControle < DateNaissance)
            erreurs.Ajouter(nameof(dateControle), "La date du contrôle ne peut pas précéder la naissance.");
        if (erreurs.Any) return erreurs;
        JustificatifType = type;
        JustificatifDate = dateControle;
        RecalculerStatut();
        return erreurs;
    }

    /// <summary>Sets the attributes. Declaring the identity doubtful or fictitious withdraws the INSi retrieval and
    /// the document check (lifting the flag later must not bring QUAL back silently); a fictitious identity also
    /// loses its INS, which cannot be the INS of a made-up person.</summary>
    public Erreurs DefinirAttributs(bool douteuse, bool fictive, bool homonyme)
    {
        var erreurs = new Erreurs();
        if (douteuse && fictive)
            erreurs.Ajouter(nameof(douteuse), "Une identité ne peut pas être à la fois douteuse et fictive.");
        if (erreurs.Any) return erreurs;
        if ((douteuse && !Douteuse) || (fictive && !Fictive))
        {
            OublierInsi();
            OublierJustificatif();
        }
        if (fictive)
        {
            MatriculeIns = null;
            OidIns = null;
        }
        Douteuse = douteuse;
        Fictive = fictive;
        Homonyme = homonyme;
        RecalculerStatut();
        return erreurs;
    }

    /// <summary>Withdraws the document check (made by mistake, or against a document found to be false): the
    /// level is recomputed. The caller records why.</summary>
    public Erreurs RetirerJustificatif()
    {
        if (JustificatifType is null) return Erreurs.Une("", "Aucun justificatif n'est enregistré pour cette identité.");
        OublierJustificatif();
        RecalculerStatut();
        return new Erreurs();
    }

    /// <summary>Records a matricule INS read from a document or a card (not from INSi): kept with its OID, but
    /// not usable outward until the identity is qualified. The INS of an identity retrieved through INSi is the
    /// one INSi returned: it cannot be typed over or erased (a new INSi search replaces it). Test and
    /// demonstration OIDs are refused unless <paramref name="accepterOidTest"/> (development and test only).</summary>
    public Erreurs EnregistrerMatriculeIns(string? matricule, string? oid, bool accepterOidTest)
    {
        var erreurs = new Erreurs();
        if (string.IsNullOrWhiteSpace(matricule))
        {
            if (RecupereeViaInsi && MatriculeIns is not null)
                return erreurs.Ajouter(nameof(MatriculeIns), MessageInsDeLInsi);
            MatriculeIns = null;
            OidIns = null;
            return erreurs;
        }
        if (!Referentiel.Identifiants.MatriculeIns.TryParse(matricule, out var m, out var erreur))
            erreurs.Ajouter(nameof(MatriculeIns), erreur!);
        var oidNet = string.IsNullOrWhiteSpace(oid) ? Referentiel.Identifiants.MatriculeIns.OidNir : oid.Trim();
        if (!Referentiel.Identifiants.MatriculeIns.OidsConnus.Contains(oidNet))
            erreurs.Ajouter(nameof(OidIns), "L'OID de l'autorité d'affectation de l'INS est inconnu.");
        if (erreurs.Any) return erreurs;
        // Saving the form again with the INS as stored changes nothing (and never locks a record in an error).
        if (m.Valeur == MatriculeIns && oidNet == OidIns) return erreurs;
        if (!accepterOidTest && OidsIns.EstDeTest(oidNet))
            return erreurs.Ajouter(nameof(OidIns), OidsIns.MessageRefus);
        if (RecupereeViaInsi && MatriculeIns is not null)
            return erreurs.Ajouter(nameof(MatriculeIns), MessageInsDeLInsi);
        if (Fictive)
            return erreurs.Ajouter(nameof(MatriculeIns), "Une identité fictive ne peut pas porter d'INS : levez d'abord l'attribut « fictive ».");
        MatriculeIns = m.Valeur;
        OidIns = oidNet;
        return erreurs;
    }

    /// <summary>A matricule INS typed by hand must agree with the birth traits it was given for: its sex digit, birth
    /// year and (when the NIR knows it) birth month. The rule is the NIR's (<see cref="Referentiel.Identifiants.MatriculeIns.Contradictions"/>).</summary>
    public Erreurs ControlerCoherenceIns()
    {
        var erreurs = new Erreurs();
        if (MatriculeIns is null || !Referentiel.Identifiants.MatriculeIns.TryParse(MatriculeIns, out var m, out _)) return erreurs;
        foreach (var message in m.Contradictions(Sexe switch { Sexe.M => 'M', Sexe.F => 'F', _ => null }, DateNaissance))
            erreurs.Ajouter(nameof(MatriculeIns), message);
        return erreurs;
    }

    private const string MessageInsDeLInsi = "Le matricule INS et son OID ont été obtenus du téléservice INSi : ils ne se modifient pas à la main. "
        + "Pour les changer, relancez « Rechercher l'INS ».";

    /// <summary>The qualified INS, the only one that may leave the DUI; null unless the identity is QUAL.</summary>
    public (string Matricule, string Oid)? InsQualifie =>
        Statut == StatutIdentite.Qualifiee && MatriculeIns is not null && OidIns is not null ? (MatriculeIns, OidIns) : null;

    private void RecalculerStatut() =>
        Statut = StatutsIdentite.Calculer(RecupereeViaInsi, JustificatifType is not null, Douteuse, Fictive);

    /// <summary>
    /// Accepts the identity returned by INSi: its traits become the birth traits (the used traits stay local),
    /// the INS is recorded with its OID, and the identity becomes RECUP, or QUAL when a document was checked
    /// against these same traits. When the INSi traits differ from the birth traits the document was checked
    /// against, the check is withdrawn (RECUP): the document must be checked again.
    /// </summary>
    public Erreurs AccepterIdentiteInsi(TraitsIdentite traitsInsi, string matricule, string oid, DateTimeOffset quand, bool accepterOidTest)
    {
        var e = new Erreurs();
        if (Douteuse || Fictive) return e.Ajouter("", "Une identité douteuse ou fictive ne peut pas être rapprochée de l'INS : levez d'abord l'attribut.");
        if (traitsInsi.Sexe == Sexe.I) return e.Ajouter("", "Le téléservice INSi ne connaît que les sexes F et M.");
        if (!accepterOidTest && OidsIns.EstDeTest(oid)) return e.Ajouter(nameof(OidIns), OidsIns.MessageRefus);
        var avecUsage = traitsInsi with { NomUtilise = NomUtilise, PrenomUtilise = PrenomUtilise };
        // The new INS replaces the previous one, even one INSi returned before: this is the new INSi call.
        var (avantInsi, avantDate) = (RecupereeViaInsi, DateRecuperationInsi);
        OublierInsi();
        e.Fusionner(EnregistrerMatriculeIns(matricule, oid, accepterOidTest));
        if (e.Any)
        {
            (RecupereeViaInsi, DateRecuperationInsi) = (avantInsi, avantDate);
            return e;
        }
        ModifierTraits(avecUsage);
        MarquerRecupereeViaInsi(quand);
        return e;
    }

    /// <summary>Reserved for the INSi workflow and tests: marks the identity retrieved through INSi.</summary>
    internal void MarquerRecupereeViaInsi(DateTimeOffset quand)
    {
        RecupereeViaInsi = true;
        DateRecuperationInsi = quand;
        RecalculerStatut();
    }

    private void OublierInsi()
    {
        RecupereeViaInsi = false;
        DateRecuperationInsi = null;
    }

    private void OublierJustificatif()
    {
        JustificatifType = null;
        JustificatifDate = null;
    }
}

/// <summary>The INS OIDs of the national test and demonstration registers: a test identity is never taken for a
/// real one outside development and test installations (option Insi:AccepterOidTest).</summary>
public static class OidsIns
{
    public static bool EstDeTest(string? oid) =>
        oid is Referentiel.Identifiants.MatriculeIns.OidNirTest or Referentiel.Identifiants.MatriculeIns.OidNirDemo;

    public const string MessageRefus = "Cet INS porte un OID de test ou de démonstration : il n'est pas accepté sur cette installation (identité de test).";
}

public enum Sexe { F, M, I }

public enum StatutIdentite { Provisoire, Recuperee, Validee, Qualifiee }

public static class StatutsIdentite
{
    public static StatutIdentite Calculer(bool viaInsi, bool justificatifControle, bool douteuse, bool fictive) =>
        (douteuse || fictive) ? StatutIdentite.Provisoire : (viaInsi, justificatifControle) switch
        {
            (true, true) => StatutIdentite.Qualifiee,
            (true, false) => StatutIdentite.Recuperee,
            (false, true) => StatutIdentite.Validee,
            _ => StatutIdentite.Provisoire,
        };

    public static string Code(this StatutIdentite s) => s switch
    {
        StatutIdentite.Provisoire => "PROV",
        StatutIdentite.Recuperee => "RECUP",
        StatutIdentite.Validee => "VALI",
        _ => "QUAL",
    };

    public static string Libelle(this StatutIdentite s) => s switch
    {
        StatutIdentite.Provisoire => "Identité provisoire",
        StatutIdentite.Recuperee => "Identité récupérée",
        StatutIdentite.Validee => "Identité validée",
        _ => "Identité qualifiée",
    };
}

/// <summary>Identity documents accepted to validate an identity (FR Core validationMode).</summary>
public enum TypeJustificatif { CN, PA, CS, eCN, IN, AV, LECV, AN, LEP, CC, ANCV }

public static class TypesJustificatif
{
    /// <summary>Birth certificates, the parents' family booklet and the travel document for foreign minors
    /// validate a minor's identity only; the other documents validate anyone's.</summary>
    public static bool EstAccepte(this TypeJustificatif t, bool mineur) =>
        mineur || t is not (TypeJustificatif.AN or TypeJustificatif.LEP or TypeJustificatif.CC);

    public static string Libelle(this TypeJustificatif t) => t switch
    {
        TypeJustificatif.CN => "Carte nationale d'identité",
        TypeJustificatif.PA => "Passeport",
        TypeJustificatif.CS => "Titre de séjour",
        TypeJustificatif.eCN => "Carte d'identité électronique",
        TypeJustificatif.IN => "Identité numérique La Poste",
        TypeJustificatif.AV => "Application carte Vitale",
        TypeJustificatif.LECV => "Livret de famille + carte Vitale avec photo",
        TypeJustificatif.AN => "Acte de naissance (mineur)",
        TypeJustificatif.LEP => "Livret de famille des parents (mineur)",
        TypeJustificatif.CC => "Document de circulation pour étranger mineur",
        TypeJustificatif.ANCV => "Acte de naissance + carte Vitale avec photo",
        _ => t.ToString(),
    };
}

/// <summary>The local identifier of a usager in one ESSMS, TDDUI form 3&lt;FINESS ET&gt;/&lt;id&gt;.</summary>
public sealed class IdentifiantLocal : IDonneeUsager<Guid>
{
    public const string Systeme = "https://identifiant-medicosocial-localusager.esante.gouv.fr";
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid UsagerId { get; set; }
    public Guid EssmsId { get; set; }
    public Essms? Essms { get; set; }
    public required string Valeur { get; set; }
    /// <summary>An identifier kept from a merged record: still known (documents may carry it), no longer issued.</summary>
    public bool Ancien { get; set; }
}
