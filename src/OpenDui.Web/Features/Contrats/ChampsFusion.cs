using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The values a template's merge fields take for one séjour.</summary>
public sealed record ValeursFusion(string Nom, string Prenom, DateOnly Naissance, string Etablissement, string? Adresse, string Finess,
    DateOnly Admission, string Modalite, DateOnly? SortiePrevue, string? RepresentantLegal, string? Participants, DateOnly Jour, TypeContrat Type, string Raison,
    int? AvenantNumero = null, string? AvenantObjet = null);

/// <summary>
/// Merge fields of the ESSMS's templates, written <c>{{personne.nom}}</c>: a closed list, so that a template with a typo is
/// refused when it is saved rather than printed with a hole.
/// </summary>
public static partial class ChampsFusion
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static readonly IReadOnlyDictionary<string, (string Description, Func<ValeursFusion, string> Valeur)> Champs =
        new Dictionary<string, (string, Func<ValeursFusion, string>)>
        {
            ["personne.nom"] = ("Nom de la personne accueillie", v => v.Nom),
            ["personne.prenom"] = ("Prénom", v => v.Prenom),
            ["personne.naissance"] = ("Date de naissance", v => v.Naissance.ToString("dd/MM/yyyy", Fr)),
            ["representant.nom"] = ("Représentant légal (ou « aucun »)", v => v.RepresentantLegal ?? "aucun"),
            ["etablissement.nom"] = ("Nom de l'établissement", v => v.Etablissement),
            ["etablissement.adresse"] = ("Adresse de l'établissement", v => v.Adresse ?? ""),
            ["etablissement.finess"] = ("Numéro FINESS", v => v.Finess),
            ["sejour.admission"] = ("Date d'admission", v => v.Admission.ToString("dd/MM/yyyy", Fr)),
            ["sejour.modalite"] = ("Modalité d'accueil", v => v.Modalite),
            ["sejour.sortie_prevue"] = ("Sortie prévue (ou « non prévue »)", v => v.SortiePrevue?.ToString("dd/MM/yyyy", Fr) ?? "non prévue"),
            ["document.titre"] = ("Contrat de séjour ou document individuel de prise en charge", v => v.Type.Titre()),
            ["document.raison"] = ("Pourquoi ce document s'applique", v => v.Raison),
            ["participants"] = ("Les personnes qui ont pris part à son élaboration", v => string.IsNullOrWhiteSpace(v.Participants) ? "la personne accueillie" : v.Participants.Trim()),
            ["date.jour"] = ("Date du jour", v => v.Jour.ToString("dd/MM/yyyy", Fr)),
            ["avenant.numero"] = ("Numéro de l'avenant (modèle d'avenant)", v => v.AvenantNumero?.ToString(Fr) ?? ""),
            ["avenant.objet"] = ("Ce que l'avenant change (modèle d'avenant)", v => v.AvenantObjet ?? ""),
        };

    [GeneratedRegex(@"\{\{\s*([a-z_.]+)\s*\}\}")]
    private static partial Regex Champ();

    /// <summary>The merge fields a template uses that do not exist.</summary>
    public static IReadOnlyList<string> Inconnus(string corps) =>
        [.. Champ().Matches(corps).Select(m => m.Groups[1].Value).Where(c => !Champs.ContainsKey(c)).Distinct()];

    /// <summary>The ESSMS's postal address on one line, as the merge field gives it.</summary>
    public static string Adresse(Structures.Essms e) =>
        string.Join(", ", new[] { e.AdresseLigne, $"{e.CodePostal} {e.Commune}".Trim() }.Where(x => !string.IsNullOrWhiteSpace(x)));

    public static string Fusionner(string corps, ValeursFusion v) =>
        Champ().Replace(corps, m => Champs.TryGetValue(m.Groups[1].Value, out var c) ? c.Valeur(v) : m.Value);

    /// <summary>The DUI's default texts, until the ESSMS writes its own (a starting point, in plain words).</summary>
    public static (string Titre, string Corps) ParDefaut(TypeModele type) => type switch
    {
        TypeModele.ContratSejour => ("Contrat de séjour", """
            Entre {{etablissement.nom}} (FINESS {{etablissement.finess}}), {{etablissement.adresse}},
            et {{personne.prenom}} {{personne.nom}}, né(e) le {{personne.naissance}}, représenté(e) par : {{representant.nom}}.

            Objet. Ce contrat définit les objectifs et la nature de l'accompagnement, dans le respect des principes déontologiques et éthiques, des recommandations de bonnes pratiques et du projet d'établissement. Il est conclu pour un accueil en {{sejour.modalite}} à compter du {{sejour.admission}}.

            Durée. Accueil à compter du {{sejour.admission}} ; fin prévue : {{sejour.sortie_prevue}}.

            Prestations. L'établissement assure l'hébergement, la restauration, l'entretien, l'animation de la vie sociale, l'aide et l'accompagnement aux actes de la vie quotidienne et les soins selon vos besoins. Les objectifs et les prestations adaptés à votre situation sont précisés dans un avenant établi dans les six mois, votre projet personnalisé, revu chaque année.

            Conditions financières. Le prix de journée et les conditions de facturation, y compris en cas d'absence ou d'hospitalisation, figurent dans l'annexe tarifaire, mise à jour à chaque changement de tarif et au moins une fois par an.

            Vos droits. Le livret d'accueil, la charte des droits et libertés de la personne accueillie et le règlement de fonctionnement vous sont remis avec ce contrat. Vous pouvez désigner une personne de confiance et vous faire accompagner par elle.

            Résiliation. Vous pouvez mettre fin à ce contrat à tout moment, par écrit, avec le délai de préavis prévu au règlement de fonctionnement. L'établissement ne peut le résilier que dans les cas prévus par la loi.

            Ont pris part à l'élaboration de ce contrat : {{participants}}.

            Fait le {{date.jour}}.
            """),
        TypeModele.Dipc => ("Document individuel de prise en charge", """
            {{etablissement.nom}} (FINESS {{etablissement.finess}}) accompagne {{personne.prenom}} {{personne.nom}}, né(e) le {{personne.naissance}}, représenté(e) par : {{representant.nom}}.

            Pourquoi ce document. {{document.raison}}

            Accompagnement. À compter du {{sejour.admission}}, en {{sejour.modalite}} ; fin prévue : {{sejour.sortie_prevue}}. Les objectifs et les prestations adaptés à votre situation sont définis avec vous dans les six mois dans votre projet personnalisé, revu chaque année.

            Conditions financières. Elles figurent dans l'annexe tarifaire, le cas échéant.

            Vos droits. Le livret d'accueil, la charte des droits et libertés de la personne accueillie et le règlement de fonctionnement vous sont remis avec ce document.

            Ont pris part à l'élaboration de ce document : {{participants}}.

            Fait le {{date.jour}}.
            """),
        TypeModele.Avenant => ("Avenant", """
            Avenant n° {{avenant.numero}} au {{document.titre}} conclu entre {{etablissement.nom}} et {{personne.prenom}} {{personne.nom}}, représenté(e) par : {{representant.nom}}.

            Objet de l'avenant. {{avenant.objet}}

            Les autres clauses du document demeurent inchangées.

            Fait le {{date.jour}}.
            """),
        _ => ("Annexe tarifaire", """
            Annexe tarifaire de {{etablissement.nom}}, à titre indicatif, mise à jour le {{date.jour}}.

            Prix de journée hébergement : à compléter par l'établissement.
            Tarif dépendance selon le GIR : à compléter.
            Absences et hospitalisations : à compléter.
            """),
    };
}
