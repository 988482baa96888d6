using System.Xml.Linq;
using static OpenDui.Web.Interop.Cda.EnteteCdaXml;

namespace OpenDui.Web.Interop.Cda;

/// <summary>Yes, no, or not known to the DUI: an unknown answer is written as unknown, never guessed.</summary>
public enum ReponseDlu { Inconnue, Oui, Non }

/// <summary>A person of the entourage; <see cref="Lien"/> from HL7 RoleCode (2.16.840.1.113883.5.111) when known.</summary>
public sealed record ContactDlu(string Nom, string Prenom, string? Telephone = null, AdresseCda? Adresse = null, CodeCda? Lien = null);

/// <summary>Whether the person wrote advance directives, and where they are kept (free text).</summary>
public sealed record DirectivesAnticipeesDlu(ReponseDlu Existent, string? LieuConservation = null);

/// <summary>A treatment as the care module knows it, in words (no code is made up).</summary>
public sealed record TraitementDlu(string Libelle, string? Posologie = null, DateOnly? Debut = null);

/// <summary>An allergy or intolerance, in words.</summary>
public sealed record AllergieDlu(string Libelle);

/// <summary>The attending doctor (médecin traitant): RPPS (<see cref="IdentifiantCda.Rpps"/>), else the DUI's local id.</summary>
public sealed record MedecinDlu(string Nom, string Prenom, IdentifiantCda Identifiant, string? Telephone = null, AdresseCda? Adresse = null);

/// <summary>
/// What the DUI knows for the Document de Liaison d'Urgence. Lists are null when the DUI does not know them (the
/// document then says "no information") and empty when known to be empty ("none known"). The model requires the
/// médecin traitant (named and identified): without one, no DLU.
/// </summary>
public sealed record DonneesDlu(
    IReadOnlyList<ContactDlu> PersonnesAPrevenir,
    ContactDlu? PersonneDeConfiance,
    DirectivesAnticipeesDlu DirectivesAnticipees,
    MedecinDlu MedecinTraitant,
    int? Gir = null,
    DateOnly? DateGir = null,
    IReadOnlyList<TraitementDlu>? Traitements = null,
    IReadOnlyList<AllergieDlu>? Allergies = null,
    string? Telephone24h = null,
    string? EtablissementSantePrefere = null,
    string? Commentaire = null);

/// <summary>
/// The Document de Liaison d'Urgence of an EHPAD (CI-SIS model DLU-EHPAD-DLU 2022.01, templateId 1.2.250.1.213.1.1.1.22,
/// LOINC 74207-2), a structured level-3 CDA. What the DUI does not know stays absent (optional sections) or is said
/// unknown in the model's forms (nullFlavor UNK, "no-medication-info", "no-allergy-info"); nothing is invented.
/// </summary>
public static class Dlu
{
    public const string GabaritModele = "1.2.250.1.213.1.1.1.22";
    public const string VersionModele = "2022.01";
    public const string FormatCode = "urn:asip:ci-sis:dlu:2015";
    private const string Snomed = "2.16.840.1.113883.6.96";
    private const string AbsentInconnu = "2.16.840.1.113883.5.1150.1";
    private const string NonRenseigne = "Non renseigné dans le dossier de l'établissement.";

    public static byte[] Produire(EnteteCda entete, DonneesDlu d) => EnteteCdaXml.Octets(Document(entete, d));

    public static XDocument Document(EnteteCda entete, DonneesDlu d)
    {
        if (d.MedecinTraitant is null) throw new ArgumentException("Le DLU nomme le médecin traitant de la personne.", nameof(d));
        var e = entete with
        {
            Type = TypeDocumentCda.DocumentLiaisonUrgence,
            Acte = entete.Acte with { Code = new CodeCda("34117-2", "Historique et clinique", Loinc, "LOINC") },
        };
        var n = 0;
        IdentifiantCda Id() => new(e.Identifiant.Racine, (e.Identifiant.Extension is null ? "" : e.Identifiant.Extension + ".") + "dlu" + ++n);

        var informants = d.PersonnesAPrevenir.Select(c => Informant("ECON", c))
            .Concat(d.PersonneDeConfiance is { } pc ? [Informant("NOK", pc)] : []);
        var corps = new XElement(V3 + "structuredBody",
            Composant(Dispositions(d, Id)),
            Composant(Allergies(d.Allergies, Id)),
            Composant(Traitements(d.Traitements, Id)),
            Composant(Directives(d.DirectivesAnticipees, e.Date, Id)),
            Composant(Evenements(d, Id)),
            Composant(Section(Id(), ["1.3.6.1.4.1.19376.1.5.3.1.3.27", "1.3.6.1.4.1.19376.1.5.3.1.3.28", "1.2.250.1.213.1.1.2.151"],
                new CodeCda("30954-2", "Résultats d'examens", Loinc, "LOINC"), "Résultats d'examens (BMR)", Paragraphe(NonRenseigne))),
            d.Commentaire is null && d.Telephone24h is null ? null : Composant(Section(Id(),
                ["2.16.840.1.113883.10.12.201", "1.3.6.1.4.1.19376.1.4.1.2.16", "1.2.250.1.213.1.1.2.73"],
                new CodeCda("55112-7", "Commentaire", Loinc, "LOINC"), "Commentaires",
                Paragraphe(string.Join(" ", new[] { d.Telephone24h is null ? null : $"Joindre l'établissement 24 h/24 : {d.Telephone24h}.", d.Commentaire }
                    .Where(x => x is not null))))),
            Composant(Section(Id(), ["1.2.250.1.213.1.1.2.37"], new CodeCda("55107-7", "Documents ajoutés", Loinc, "LOINC"),
                "Documents annexés au DLU", Paragraphe("Aucun document n'est annexé à ce DLU."))));
        return EnteteCdaXml.Document(e, [Gabarit(GabaritModele, VersionModele)], corps, informants, [Medecin(d.MedecinTraitant, e.Date)]);
    }

    private static XElement? Composant(XElement? section) => section is null ? null : new XElement(V3 + "component", section);

    private static XElement Section(IdentifiantCda id, string[] gabarits, CodeCda code, string titre, XElement texte, params object?[] entrees) =>
        new(V3 + "section", gabarits.Select(g => Gabarit(g)), Id("id", id), Code("code", code), new XElement(V3 + "title", titre), texte, entrees);

    private static XElement Paragraphe(string texte) => new(V3 + "text", new XElement(V3 + "paragraph", texte));

    private static XElement Tableau(string[] entetes, IEnumerable<object[]> lignes) => new(V3 + "text",
        new XElement(V3 + "table", new XAttribute("border", "0"),
            new XElement(V3 + "thead", new XElement(V3 + "tr", entetes.Select(t => new XElement(V3 + "th", t)))),
            new XElement(V3 + "tbody", lignes.Select(l => new XElement(V3 + "tr", l.Select(c => new XElement(V3 + "td", c)))))));

    private static XElement Contenu(string id, string texte) => new(V3 + "content", new XAttribute("ID", id), texte);
    private static XElement Reference(string id) => new(V3 + "text", new XElement(V3 + "reference", new XAttribute("value", "#" + id)));

    private static XElement Informant(string classe, ContactDlu c) => new(V3 + "informant",
        new XElement(V3 + "relatedEntity", new XAttribute("classCode", classe),
            c.Lien is { } l ? Code("code", l) : null,
            Adresse(c.Adresse),
            c.Telephone is { } t ? Telecoms([TelecomCda.Telephone(t)]) : null,
            new XElement(V3 + "relatedPerson", Nom(c.Nom, c.Prenom))));

    /// <summary>The médecin traitant (participant INF, function PCP), required by the model.</summary>
    private static XElement Medecin(MedecinDlu m, DateTimeOffset date) => new(V3 + "participant", new XAttribute("typeCode", "INF"),
        Code("functionCode", new CodeCda("PCP", "Médecin Traitant", "2.16.840.1.113883.5.88")),
        new XElement(V3 + "time", new XAttribute(Xsi + "type", "IVL_TS"), Temps("low", date)),
        new XElement(V3 + "associatedEntity", new XAttribute("classCode", "PROV"),
            Id("id", m.Identifiant),
            Adresse(m.Adresse),
            m.Telephone is { } t ? Telecoms([TelecomCda.Telephone(t, "WP")]) : null,
            new XElement(V3 + "associatedPerson", Nom(m.Nom, m.Prenom))));

    private static XElement Dispositions(DonneesDlu d, Func<IdentifiantCda> id) => Section(id(),
        ["1.3.6.1.4.1.19376.1.5.3.1.1.13.2.10", "1.2.250.1.213.1.1.2.172"],
        new CodeCda("11302-7", "Etablissement de santé de préférence", Loinc, "LOINC"), "Etablissement de santé de préférence",
        Paragraphe(d.EtablissementSantePrefere ?? NonRenseigne));

    private static XElement Allergies(IReadOnlyList<AllergieDlu>? allergies, Func<IdentifiantCda> id)
    {
        XElement texte;
        var observations = new List<XElement>();
        if (allergies is null or { Count: 0 })
        {
            var (code, libelle) = allergies is null ? ("no-allergy-info", "Pas d'information sur les allergies") : ("no-known-allergies", "Pas d'allergie connue");
            texte = Tableau(["Allergie ou hypersensibilité"], [[Contenu("allergie-1", libelle)]]);
            observations.Add(ObservationAllergie(id(), new XElement(V3 + "code", new XAttribute("code", "ASSERTION"), new XAttribute("codeSystem", "2.16.840.1.113883.5.4")),
                "allergie-1", Valeur(new CodeCda(code, libelle, AbsentInconnu))));
        }
        else
        {
            texte = Tableau(["Allergie ou hypersensibilité"], allergies.Select((a, i) => new object[] { Contenu($"allergie-{i + 1}", a.Libelle) }));
            observations.AddRange(allergies.Select((a, i) => ObservationAllergie(id(),
                Code("code", new CodeCda("420134006", "Propension aux réactions indésirables", Snomed, "SNOMED CT")), $"allergie-{i + 1}",
                new XElement(V3 + "value", new XAttribute(Xsi + "type", "CD"), new XAttribute("nullFlavor", "OTH"),
                    new XElement(V3 + "originalText", new XElement(V3 + "reference", new XAttribute("value", $"#allergie-{i + 1}")))))));
        }
        var concern = new XElement(V3 + "act", new XAttribute("classCode", "ACT"), new XAttribute("moodCode", "EVN"),
            Gabarit("2.16.840.1.113883.10.20.1.27"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.5.1"),
            Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.5.3"), Gabarit("1.2.250.1.213.1.1.3.40"),
            Id("id", id()), new XElement(V3 + "code", new XAttribute("nullFlavor", "NA")),
            new XElement(V3 + "statusCode", new XAttribute("code", "active")),
            new XElement(V3 + "effectiveTime", new XElement(V3 + "low", new XAttribute("nullFlavor", "UNK"))),
            observations.Select(o => new XElement(V3 + "entryRelationship", new XAttribute("typeCode", "SUBJ"), new XAttribute("inversionInd", "false"), o)));
        return Section(id(), ["2.16.840.1.113883.10.20.1.2", "1.3.6.1.4.1.19376.1.5.3.1.3.13", "1.2.250.1.213.1.1.2.137"],
            new CodeCda("48765-2", "Allergies et hypersensibilités", Loinc, "LOINC"), "Allergies et hypersensibilités", texte,
            new XElement(V3 + "entry", concern));
    }

    private static XElement Valeur(CodeCda c) =>
        new(V3 + "value", new XAttribute(Xsi + "type", "CD"), new XAttribute("code", c.Code), new XAttribute("displayName", c.Libelle), new XAttribute("codeSystem", c.Systeme));

    private static XElement ObservationAllergie(IdentifiantCda id, XElement code, string texte, XElement valeur) =>
        new(V3 + "observation", new XAttribute("classCode", "OBS"), new XAttribute("moodCode", "EVN"),
            Gabarit("2.16.840.1.113883.10.20.1.18"), Gabarit("2.16.840.1.113883.10.20.1.28"),
            Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.5"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.6"), Gabarit("1.2.250.1.213.1.1.3.41"),
            Id("id", id), code, Reference(texte),
            new XElement(V3 + "statusCode", new XAttribute("code", "completed")),
            new XElement(V3 + "effectiveTime", new XElement(V3 + "low", new XAttribute("nullFlavor", "UNK"))),
            valeur);

    private static XElement Traitements(IReadOnlyList<TraitementDlu>? traitements, Func<IdentifiantCda> id)
    {
        XElement texte;
        IEnumerable<XElement> entrees;
        if (traitements is null or { Count: 0 })
        {
            var (code, libelle) = traitements is null
                ? ("no-medication-info", "Pas d'information sur les traitements médicamenteux")
                : ("no-known-medications", "Pas de traitement médicamenteux connu");
            texte = Tableau(["Traitement"], [[Contenu("traitement-1", libelle)]]);
            entrees = [Administration(id(), "traitement-1", null,
                new XElement(V3 + "code", new XAttribute("code", code), new XAttribute("displayName", libelle), new XAttribute("codeSystem", AbsentInconnu)), null)];
        }
        else
        {
            texte = Tableau(["Date de début", "Médicament", "Posologie"], traitements.Select((t, i) => new object[]
                { t.Debut?.ToString("dd/MM/yyyy") ?? "", Contenu($"traitement-{i + 1}", t.Libelle), t.Posologie ?? "" }));
            entrees = traitements.Select((t, i) => Administration(id(), $"traitement-{i + 1}", t.Debut,
                new XElement(V3 + "code", new XAttribute("nullFlavor", "OTH"),
                    new XElement(V3 + "originalText", new XElement(V3 + "reference", new XAttribute("value", $"#traitement-{i + 1}")))),
                t.Libelle));
        }
        return Section(id(), ["2.16.840.1.113883.10.20.1.8", "1.3.6.1.4.1.19376.1.5.3.1.3.19", "1.2.250.1.213.1.1.2.143"],
            new CodeCda("10160-0", "Historique de la prise médicamenteuse", Loinc, "LOINC"), "Traitements au long cours", texte,
            entrees.Select(x => new XElement(V3 + "entry", x)));
    }

    private static XElement Administration(IdentifiantCda id, string texte, DateOnly? debut, XElement code, string? nom) =>
        new(V3 + "substanceAdministration", new XAttribute("classCode", "SBADM"), new XAttribute("moodCode", "INT"),
            Gabarit("2.16.840.1.113883.10.20.1.24"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.7"),
            Gabarit("1.2.250.1.213.1.1.3.42"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.7.1"),
            Id("id", id), Reference(texte),
            new XElement(V3 + "statusCode", new XAttribute("code", "completed")),
            new XElement(V3 + "effectiveTime", new XAttribute(Xsi + "type", "IVL_TS"),
                debut is { } dd ? new XElement(V3 + "low", new XAttribute("value", dd.ToString("yyyyMMdd"))) : new XElement(V3 + "low", new XAttribute("nullFlavor", "UNK"))),
            new XElement(V3 + "consumable", new XAttribute("typeCode", "CSM"),
                new XElement(V3 + "manufacturedProduct",
                    Gabarit("2.16.840.1.113883.10.20.1.53"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.7.2"), Gabarit("1.2.250.1.213.1.1.3.43"),
                    new XElement(V3 + "manufacturedMaterial", new XAttribute("classCode", "MMAT"), code,
                        nom is null ? null : new XElement(V3 + "name", nom)))));

    private static XElement Directives(DirectivesAnticipeesDlu da, DateTimeOffset date, Func<IdentifiantCda> id)
    {
        var reponse = da.Existent switch { ReponseDlu.Oui => "oui", ReponseDlu.Non => "non", _ => "non connu" };
        var lignes = new List<object[]> { new object[] { "Directives anticipées", Contenu("directives", reponse) } };
        if (da.LieuConservation is { } lieu) lignes.Add(["Lieu de conservation", lieu]);
        var observation = new XElement(V3 + "observation", new XAttribute("classCode", "OBS"), new XAttribute("moodCode", "EVN"),
            Gabarit("2.16.840.1.113883.10.20.1.17"), Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.13"),
            Gabarit("1.3.6.1.4.1.19376.1.5.3.1.4.13.7"), Gabarit("1.2.250.1.213.1.1.3.54"),
            Id("id", id()), Code("code", new CodeCda("42348-3", "Directives anticipées", Loinc, "LOINC")), Reference("directives"),
            new XElement(V3 + "statusCode", new XAttribute("code", "completed")),
            new XElement(V3 + "effectiveTime", new XElement(V3 + "low", new XAttribute("nullFlavor", "UNK"))),
            da.Existent == ReponseDlu.Inconnue
                ? new XElement(V3 + "value", new XAttribute(Xsi + "type", "BL"), new XAttribute("nullFlavor", "UNK"))
                : new XElement(V3 + "value", new XAttribute(Xsi + "type", "BL"), new XAttribute("value", da.Existent == ReponseDlu.Oui ? "true" : "false")));
        return Section(id(), ["2.16.840.1.113883.10.20.1.1", "1.3.6.1.4.1.19376.1.5.3.1.3.34", "1.3.6.1.4.1.19376.1.5.3.1.3.35", "1.2.250.1.213.1.1.2.157"],
            new CodeCda("42348-3", "Directives anticipées", Loinc, "LOINC"), "Directives anticipées",
            Tableau(["Directive", "Choix de la personne"], lignes), new XElement(V3 + "entry", observation));
    }

    /// <summary>État de la personne: the DUI knows the GIR (AGGIR); the coded observations of the model are the care module's.</summary>
    private static XElement Evenements(DonneesDlu d, Func<IdentifiantCda> id) => Section(id(),
        ["1.3.6.1.4.1.19376.1.5.3.1.1.21.2.9", "1.3.6.1.4.1.19376.1.7.3.1.1.13.7", "1.2.250.1.213.1.1.2.163"],
        new CodeCda("42545-4", "Evènements observés", Loinc, "LOINC"), "Observations",
        Paragraphe(d.Gir is { } g
            ? $"Autonomie : GIR {g}" + (d.DateGir is { } dg ? $" (grille AGGIR du {dg:dd/MM/yyyy})." : ".")
            : "Autonomie (GIR) : " + NonRenseigne));
}
