using System.Net;
using FluentAssertions;
using OpenDui.Programme.Features;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>Reading a pasted grappe: the rules of the text, without a host.</summary>
public class SaisieGrappeTests
{
    [Fact]
    public void Les_lignes_sont_lues_avec_leurs_separateurs_et_les_erreurs_portent_le_numero_de_ligne_vu_par_l_utilisateur()
    {
        const string texte = "FINESS ET;Catégorie;FINESS EJ\r\n690000011;500;690000001\r\n\r\n# commentaire\r\n690000029\t183\r\n2a0000013;354;;EHPAD Les Tilleuls, annexe\r\n69000003;500\r\n690000045;999\r\n690000052;500;7500\r\n690000060\r\n";
        var (essms, erreurs) = SaisieGrappe.Lire(texte, Referentiels.Courant);
        essms.Select(e => (e.FinessEt, e.CategorieCode, e.FinessEj)).Should().Equal(
            ("690000011", "500", "690000001"), ("690000029", "183", null), ("2A0000013", "354", null));
        erreurs.Should().HaveCount(4);
        erreurs[0].Should().Be("Ligne 7 : FINESS ET « 69000003 » : le numéro FINESS doit comporter 9 caractères.");
        erreurs[1].Should().Be("Ligne 8 : catégorie FINESS « 999 » inconnue.");
        erreurs[2].Should().StartWith("Ligne 9 : FINESS EJ « 7500 »");
        erreurs[3].Should().StartWith("Ligne 10 : Indiquez la catégorie FINESS");
    }

    [Fact]
    public void Une_saisie_vide_demande_au_moins_une_ligne()
    {
        SaisieGrappe.Lire("\n  \n", Referentiels.Courant).Erreurs.Should().ContainSingle().Which.Should().Contain("au moins une ligne");
    }
}

/// <summary>The public simulation page, anonymous, through HTTP.</summary>
public class PageSimulationTests(HoteSqlite app) : IClassFixture<HoteSqlite>
{
    private static Dictionary<string, string> Formulaire(string lignes, string type = "Acquisition") =>
        new() { ["TypeProjet"] = type, ["RegionDepot"] = "", ["DevisAmoa"] = "0", ["Lignes"] = lignes };

    [Fact]
    public async Task Une_grappe_collee_donne_l_eligibilite_l_appel_le_financement_par_essms_et_les_pieces_requises()
    {
        var visiteur = ClientPages.Anonyme(app);
        var page = await visiteur.PageAsync("/Simulation");
        page.Should().Contain("FINESS ET;code catégorie");
        var lignes = string.Join("\n", Enumerable.Range(1, 8).Select(i => $"2A{i:0000000};500"));
        var rep = await visiteur.PosterAsync("/Simulation", "/Simulation", Formulaire(lignes));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var corps = await rep.CorpsAsync();
        corps.Should().Contain("Grappe éligible").And.Contain("Corse et outre-mer").And.Contain("Appel régional de l'ARS Corse");
        corps.Should().Contain("Financement par ESSMS").And.Contain("2A0000008").And.Contain("Note de présentation").And.Contain("Plan d'implantation du matériel");
        // Whatever the digit grouping of the page's culture.
        corps.Should().MatchRegex(@"168\D?000 €");
        corps.Should().Contain("Dépôt de la candidature du 15/01/2025 au 15/09/2025");
    }

    [Fact]
    public async Task Des_lignes_mal_formees_sont_signalees_par_leur_numero_et_aucun_resultat_n_est_donne()
    {
        var visiteur = ClientPages.Anonyme(app);
        var rep = await visiteur.PosterAsync("/Simulation", "/Simulation", Formulaire("690000011;500\n6900ABC12;500\n\n690000029;1234\n690000037;500;690000001;x;y"));
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var corps = await rep.CorpsAsync();
        corps.Should().Contain("3 erreurs à corriger").And.Contain("Ligne 2 : FINESS ET « 6900ABC12 »").And.Contain("Ligne 4 : catégorie FINESS « 1234 » inconnue.")
            .And.Contain("Ligne 5 : 2 à 4 colonnes attendues");
        corps.Should().NotContain("Financement par ESSMS");
        // What was typed comes back for correction.
        corps.Should().Contain("6900ABC12;500");
    }

    [Fact]
    public async Task Une_grappe_trop_petite_n_est_pas_eligible_et_l_htmx_recoit_le_resultat()
    {
        var visiteur = ClientPages.Anonyme(app);
        var page = await visiteur.PageAsync("/Simulation");
        var jeton = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var requete = new HttpRequestMessage(HttpMethod.Post, "/Simulation") { Content = new FormUrlEncodedContent(Formulaire("690000011;500\n690000029;101", "MonteeDeVersion")) };
        requete.Headers.Add("HX-Request", "true");
        requete.Headers.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(jeton));
        var rep = await visiteur.Http.SendAsync(requete);
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        var corps = await rep.CorpsAsync();
        corps.Should().Contain("id=\"resultat\"").And.Contain("Grappe non éligible en l'état").And.Contain("il en faut au moins 15");
        corps.Should().Contain("hors du champ de l'article L.312-1");
    }
}
