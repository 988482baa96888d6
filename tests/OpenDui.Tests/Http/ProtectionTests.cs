using OpenDui.Web.Features.Professionnels;
using System.Net;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.Tests.Outils;
using OpenDui.Web.Infrastructure.Security;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Pilotage;
using OpenDui.Web.Features.Projets;
using OpenDui.Web.Features.Evaluations;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Features.Liaison;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Dmp;
using OpenDui.Web.Features.Messagerie;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Photos;
using OpenDui.Web.Features.Soins;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>Every page and endpoint requires a complete sign-in and its policy; forms refuse CSRF.</summary>
public sealed partial class ProtectionTests(ApplicationSqlite app) : IClassFixture<ApplicationSqlite>
{
    private static readonly HashSet<string> Anonymes =
        ["/health", "/openapi/{documentName}.json", "/api/auth/token", "/Compte/Connexion", "/Compte/SecondFacteur", "/Compte/ChangerMotDePasse", "/Compte/AccesRefuse", "/Erreur",
         // Pro Santé Connect: the start (404 when not configured) and the landing page after the provider.
         "/Compte/ProSanteConnect", "/Compte/ProSanteConnectRetour",
         // "Qui utilise la tablette ?": the shared post's picker (it opens nothing without a shift's personal code).
         "/Compte/Poste"];

    /// <summary>The policy each area must carry (longest matching prefix wins).</summary>
    private static readonly (string Prefixe, string? Methode, string Politique)[] Attendues =
    [
        ("/api/usagers", "GET", Politiques.LireDossiers),
        // The identity as stored (an unqualified INS included) is for those who manage it, like the identity page.
        ("/api/usagers/{id:guid}/identite", null, Politiques.GererAdmissions),
        ("/api/usagers/{id:guid}/contacts", null, Politiques.GererEntourage),
        ("/api/usagers/{id:guid}/mesures-protection", null, Politiques.GererEntourage),
        // Écrits: read like the record, written by the roles that write in some circle (the circle is checked per écrit).
        ("/api/usagers/{id:guid}/ecrits", "POST", PolitiquesEcrits.Ecrire),
        // The person's objections to sharing: read like the record, recorded by those who write écrits about them.
        ("/api/usagers/{id:guid}/objections", "POST", PolitiquesEcrits.Ecrire),
        ("/api/ecrits", null, PolitiquesEcrits.Ecrire),
        // Choix et consentements: read like the record; recorded by the entourage's managers and the care staff who hear them.
        ("/api/usagers/{id:guid}/choix", "POST", PolitiquesConsentements.Recueillir),
        ("/api/usagers/{id:guid}/personne-de-confiance", null, PolitiquesConsentements.Recueillir),
        ("/api/usagers/{id:guid}/information-personne-de-confiance", null, PolitiquesConsentements.Recueillir),
        ("/api/usagers/{id:guid}/directives-anticipees", null, PolitiquesConsentements.Recueillir),
        ("/api/consentements", null, PolitiquesConsentements.Recueillir),
        ("/Consentements", null, Politiques.LireDossiers),
        // "Ma journée": anyone who reads records; each section keeps to the reader's perimeter and circles.
        ("/api/journee", null, Politiques.LireDossiers),
        // "À faire": the deadlines of admission and contracts, for those who manage admissions.
        ("/api/a-faire", null, Politiques.GererAdmissions),
        ("/AFaire", null, Politiques.GererAdmissions),
        // Contracts: read like the record; managed by those who manage admissions; templates by the direction and chefs de service.
        ("/api/sejours/{id:guid}/contrat", "GET", Politiques.LireDossiers),
        ("/api/sejours/{id:guid}/contrat", "POST", Politiques.GererAdmissions),
        ("/api/sejours/{id:guid}/remises", null, Politiques.GererAdmissions),
        // Lettres de liaison: written, validated and read by direction, chefs de service, médecin and nurses (they carry the treatments).
        ("/api/usagers/{id:guid}/lettres-liaison", null, PolitiquesLiaison.Rediger),
        ("/api/sejours/{id:guid}/lettres-liaison", null, PolitiquesLiaison.Rediger),
        ("/api/lettres-liaison", null, PolitiquesLiaison.Rediger),
        ("/Liaison", null, PolitiquesLiaison.Rediger),
        ("/api/contrats", "POST", Politiques.GererAdmissions),
        ("/api/contrats", "GET", Politiques.LireDossiers),
        ("/api/essms/{id:guid}/modeles-contrat", null, PolitiquesContrats.Modeles),
        ("/Contrats", null, Politiques.LireDossiers),
        ("/Contrats/Modeles", null, PolitiquesContrats.Modeles),
        // Admission: requests, waiting list and admission pronounced, for those who manage admissions; orientations read like the record.
        ("/api/admission", null, Politiques.GererAdmissions),
        ("/Admission", null, Politiques.GererAdmissions),
        ("/api/usagers/{id:guid}/orientations", "GET", Politiques.LireDossiers),
        ("/api/usagers/{id:guid}/orientations", null, Politiques.GererAdmissions),
        ("/api/orientations", null, Politiques.LireDossiers),
        ("/Ecrits", null, PolitiquesEcrits.Ecrire),
        // Projets: read like the record; written by the team and the référent; validated and référents named by the référent, chef de service, direction.
        ("/api/sejours/{id:guid}/projet", "GET", Politiques.LireDossiers),
        ("/api/sejours/{id:guid}/projet/versions", "POST", PolitiquesProjets.Ecrire),
        ("/api/sejours/{id:guid}/referents", null, PolitiquesProjets.Valider),
        ("/api/projets", "GET", Politiques.LireDossiers),
        ("/api/projets/mes-actions", null, PolitiquesProjets.Ecrire),
        ("/api/projets", null, PolitiquesProjets.Ecrire),
        ("/api/projets/versions/{id:guid}/validation", null, PolitiquesProjets.Valider),
        // Taking the evaluated needs into a draft is writing it.
        ("/api/projets/versions/{id:guid}/besoins-evalues", null, PolitiquesProjets.Ecrire),
        ("/Projets", null, Politiques.LireDossiers),
        ("/Projets/Brouillon", null, PolitiquesProjets.Ecrire),
        ("/Projets/Valider", null, PolitiquesProjets.Valider),
        // Documents of the record: read (and downloaded, traced) like the record; filed and withdrawn by the admission staff and the care team.
        ("/api/usagers/{id:guid}/documents", "POST", PolitiquesDocuments.Deposer),
        ("/api/documents", "GET", Politiques.LireDossiers),
        ("/api/documents", null, PolitiquesDocuments.Deposer),
        ("/Documents", null, Politiques.LireDossiers),
        // DMP: what was sent and the DMP's documents are read like the record; masking, unmasking and deleting by those who manage them.
        ("/api/dmp", null, PolitiquesDmp.Gerer),
        ("/Dmp", null, Politiques.LireDossiers),
        // MSSanté messaging: written by the admission staff and the care team, read like the record, sorted by the admission staff and nurses.
        ("/api/usagers/{id:guid}/messages", "POST", PolitiquesMessagerie.Ecrire),
        ("/api/usagers/{id:guid}/messages", "GET", Politiques.LireDossiers),
        ("/api/messages", null, Politiques.LireDossiers),
        ("/api/messagerie/tri", null, PolitiquesMessagerie.Trier),
        ("/api/messagerie/partenaires", null, PolitiquesMessagerie.Trier),
        ("/api/messagerie/carnet", null, PolitiquesMessagerie.Ecrire),
        // The personal MSSanté address: set by its holder (who writes messages) or by the administrator.
        ("/api/messagerie/boite-personnelle", null, PolitiquesMessagerie.Ecrire),
        ("/api/messagerie/professionnels", null, Politiques.Administrer),
        ("/Messagerie/MaBoite", null, PolitiquesMessagerie.Ecrire),
        ("/Messagerie", null, Politiques.LireDossiers),
        ("/Messagerie/Nouveau", null, PolitiquesMessagerie.Ecrire),
        ("/Messagerie/Tri", null, PolitiquesMessagerie.Trier),
        // Medicaments: the drug reference and prescriptions are read by médecin, nurse and pharmacist; the plan also by the aide-soignant;
        // the médecin prescribes, the nurse transcribes, the pharmacist validates.
        ("/api/medicaments", null, PolitiquesMedicaments.LirePrescriptions),
        ("/api/usagers/{id:guid}/prescriptions", "GET", PolitiquesMedicaments.LirePrescriptions),
        ("/api/usagers/{id:guid}/prescriptions", "POST", PolitiquesMedicaments.Prescrire),
        ("/api/usagers/{id:guid}/prescriptions/transcription", null, PolitiquesMedicaments.Transcrire),
        ("/api/usagers/{id:guid}/plan-administration", null, PolitiquesMedicaments.LirePlan),
        ("/api/unites/{id:guid}/plan-administration", null, PolitiquesMedicaments.LirePlan),
        ("/api/prescriptions", "GET", PolitiquesMedicaments.LirePrescriptions),
        ("/api/prescriptions", "POST", PolitiquesMedicaments.Prescrire),
        ("/api/prescriptions/{id:guid}/validation", null, PolitiquesMedicaments.Valider),
        ("/Medicaments", null, PolitiquesMedicaments.LirePrescriptions),
        // The MAR and the round: the plan's readers (the rule as data then says who may give what); pill organisers by nurse and pharmacist.
        ("/api/medicaments/administrations", null, PolitiquesMedicaments.LirePlan),
        ("/api/usagers/{id:guid}/administrations", null, PolitiquesMedicaments.LirePlan),
        ("/api/unites/{id:guid}/tournee-medicaments", null, PolitiquesMedicaments.LirePlan),
        ("/api/unites/{id:guid}/piluliers", "GET", PolitiquesMedicaments.LirePlan),
        ("/api/unites/{id:guid}/piluliers", "POST", PolitiquesMedicaments.PreparerPiluliers),
        ("/api/piluliers", null, PolitiquesMedicaments.PreparerPiluliers),
        ("/Medicaments/Tournee", null, PolitiquesMedicaments.LirePlan),
        // The prescription pages: the médecin prescribes and modifies, the nurse transcribes.
        ("/Medicaments/Prescrire", null, PolitiquesMedicaments.Prescrire),
        ("/Medicaments/Transcrire", null, PolitiquesMedicaments.Transcrire),
        // The identification photo: taken and deleted by the admission staff and the care team; shown to whoever reads the record.
        ("/api/usagers/{id:guid}/photo", null, PolitiquesPhotos.Photographier),
        ("/Photos", null, Politiques.LireDossiers),
        ("/api/usagers", null, Politiques.GererAdmissions),
        ("/api/sejours", null, Politiques.GererAdmissions),
        ("/api/structures", null, Politiques.Administrer),
        ("/api/professionnels", null, Politiques.Administrer),
        ("/api/audit", null, Politiques.Auditer),
        ("/api/habilitations", null, Politiques.Piloter),
        ("/Habilitations", null, Politiques.Piloter),
        ("/api/identitovigilance", null, Politiques.Identitovigilance),
        ("/api/indicateurs", null, Politiques.Piloter),
        // The outbox: states and reasons of what leaves the DUI, never its content: the administrator's.
        ("/api/envois", null, Politiques.Administrer),
        // The direction's dashboard: direction and chefs de service only; the signed usage report stays with Piloter.
        ("/api/pilotage/tableau", null, PolitiquesPilotage.TableauDeBord),
        ("/api/pilotage/rapport-usage", null, Politiques.Piloter),
        ("/Pilotage", null, PolitiquesPilotage.TableauDeBord),
        // Computes a GIR from the grid sent, reads no record: any professional who reads records.
        ("/api/evaluations", null, Politiques.LireDossiers),
        // Évaluations: written by the roles that fill some grid (which grid is checked per evaluation), grids defined by the administrator.
        ("/api/usagers/{id:guid}/evaluations", "POST", PolitiquesEvaluations.Evaluer),
        ("/api/evaluations/{id:guid}", "PUT", PolitiquesEvaluations.Evaluer),
        ("/api/evaluations/{id:guid}", "DELETE", PolitiquesEvaluations.Evaluer),
        ("/api/evaluations/{id:guid}/validation", null, PolitiquesEvaluations.Evaluer),
        ("/api/evaluations/grilles", "GET", PolitiquesEvaluations.ConsulterGrilles),
        ("/api/evaluations/grilles", null, PolitiquesEvaluations.AdministrerGrilles),
        ("/api/evaluations/grilles/{id:guid}/calcul", null, Politiques.LireDossiers),
        ("/Evaluations/Saisie/Aggir", null, PolitiquesEvaluations.EvaluerAggir),
        ("/Evaluations/Saisie", null, PolitiquesEvaluations.Evaluer),
        ("/Evaluations/Grilles", null, PolitiquesEvaluations.AdministrerGrilles),
        ("/Evaluations/Historique", null, Politiques.LireDossiers),
        ("/Evaluations/Detail", null, Politiques.LireDossiers),
        ("/Identitovigilance", null, Politiques.Identitovigilance),
        ("/Usagers/Nouveau", null, Politiques.GererAdmissions),
        ("/Usagers/Identite", null, Politiques.GererAdmissions),
        ("/Usagers/Entourage", null, Politiques.GererEntourage),
        ("/Usagers", null, Politiques.LireDossiers),
        // "Ma journée": any record reader may look at their day, each section within their perimeter.
        ("/Journee", null, Politiques.LireDossiers),
        ("/Sejours", null, Politiques.GererAdmissions),
        ("/Structures", null, Politiques.Administrer),
        ("/Envois", null, Politiques.Administrer),
        ("/Professionnels", null, Politiques.Administrer),
        ("/Audit", null, Politiques.Auditer),
        // Care data: the nursing team only (infirmiers, médecins, aides-soignants), never the secretariat, educators or direction.
        ("/api/soins", null, PolitiquesSoins.Soigner),
        ("/Soins", null, PolitiquesSoins.Soigner),
        ("/Compte/MarquerPoste", null, OpenDui.Web.Features.Compte.PolitiquesCompte.MarquerPostePartage),
    ];

    private IEnumerable<(RouteEndpoint Endpoint, string Route, string Methode)> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (e, "/" + e.RoutePattern.RawText!.TrimStart('/'), m)))
            .Where(x => !x.Item2.EndsWith("/Index") && x.Item2 != "/Index");

    [Fact]
    public void Chaque_endpoint_porte_la_politique_de_son_domaine()
    {
        var vus = 0;
        foreach (var (endpoint, route, methode) in Endpoints())
        {
            var politiques = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Anonymes.Should().Contain(route, $"{methode} {route} est anonyme");
                continue;
            }
            var attendue = Attendues.Where(a => route.StartsWith(a.Prefixe, StringComparison.OrdinalIgnoreCase) && (a.Methode is null || a.Methode == methode))
                .OrderByDescending(a => a.Prefixe.Length).Select(a => a.Politique).FirstOrDefault();
            if (attendue is not null) politiques.Should().Contain(attendue, $"{methode} {route}");
            vus++;
        }
        vus.Should().BeGreaterThan(30);
    }

    [Fact]
    public async Task Sans_connexion_tout_est_refuse_sauf_l_accueil_public()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var testes = 0;
        foreach (var (endpoint, route, methode) in Endpoints())
        {
            if (Anonymes.Contains(route)) continue;
            var url = ParametreRegex().Replace(route, m => m.Value.StartsWith("{journal") ? "Acces" : Guid.NewGuid().ToString());
            var requete = new HttpRequestMessage(new HttpMethod(methode), url);
            if (methode is "POST" or "PUT") requete.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            var rep = await client.SendAsync(requete);
            if (route.StartsWith("/api"))
                rep.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{methode} {url}");
            else if (methode == "GET")
            {
                rep.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{methode} {url}");
                rep.Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
            }
            else
                ((int)rep.StatusCode).Should().BeOneOf([302, 400], $"{methode} {url} (no session, no antiforgery token)");
            testes++;
        }
        testes.Should().BeGreaterThan(30);
    }

    [Fact]
    public async Task Connexion_avec_second_facteur_puis_acces_aux_pages_de_son_role()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetStringAsync("/Compte/Connexion");
        var rep = await client.PostAsync("/Compte/Connexion", Formulaire(login, ("Login", "infirmier.ehpad@test.invalid"), ("MotDePasse", ApplicationDeTest.MotDePasse)));
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/SecondFacteur");
        var page2fa = await client.GetStringAsync(rep.Headers.Location!.ToString());
        var faux = await client.PostAsync("/Compte/SecondFacteur", Formulaire(page2fa, ("Code", "000000")));
        (await faux.Content.ReadAsStringAsync()).Should().Contain("Code incorrect");
        rep = await client.PostAsync("/Compte/SecondFacteur", Formulaire(page2fa, ("Code", app.CodeTotp("infirmier.ehpad"))));
        rep.Headers.Location!.ToString().Should().Be("/");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = await client.GetAsync("/Audit");
        audit.StatusCode.Should().Be(HttpStatusCode.Redirect);
        audit.Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");
    }

    [Fact]
    public async Task Un_mot_de_passe_seul_ne_donne_acces_qu_a_l_activation_du_second_facteur()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Infrastructure.Security.Professionnel>>();
        var p = new Web.Infrastructure.Security.Professionnel { UserName = "nouveau@test.invalid", Email = "nouveau@test.invalid", Nom = "NOUVEAU", Prenom = "N" };
        (await users.CreateAsync(p, ApplicationDeTest.MotDePasse)).Succeeded.Should().BeTrue();
        var db = scope.ServiceProvider.GetRequiredService<Web.Infrastructure.Data.OpenDuiDbContext>();
        db.Habilitations.Add(new Web.Infrastructure.Security.Habilitation { ProfessionnelId = p.Id, Role = Web.Infrastructure.Security.Role.Infirmier, EssmsId = app.Ehpad });
        await db.SaveChangesAsync();

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var rep = await client.PostAsync("/Compte/Connexion", Formulaire(await client.GetStringAsync("/Compte/Connexion"),
            ("Login", "nouveau@test.invalid"), ("MotDePasse", ApplicationDeTest.MotDePasse)));
        rep.Headers.Location!.ToString().Should().StartWith("/Compte/ActiverSecondFacteur");
        (await client.GetAsync("/")).Headers.Location!.ToString().Should().Contain("/Compte/AccesRefuse");

        var enrolement = await client.GetStringAsync("/Compte/ActiverSecondFacteur");
        var cle = CleRegex().Match(enrolement).Groups[1].Value;
        cle.Should().NotBeEmpty();
        rep = await client.PostAsync("/Compte/ActiverSecondFacteur", Formulaire(enrolement, ("Code", app.CodeTotp("nouveau", cle))));
        rep.Headers.Location!.ToString().Should().Be("/");
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Un_formulaire_sans_jeton_antiforgery_est_refuse()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var rep = await client.PostAsync("/Compte/Connexion", new FormUrlEncodedContent([new("Login", "infirmier.ehpad@test.invalid"), new("MotDePasse", ApplicationDeTest.MotDePasse)]));
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    public static FormUrlEncodedContent Formulaire(string html, params (string Nom, string Valeur)[] champs)
    {
        var jeton = JetonRegex().Match(html).Groups[1].Value;
        return new FormUrlEncodedContent(champs.Select(c => new KeyValuePair<string, string>(c.Nom, c.Valeur))
            .Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(jeton))));
    }

    [GeneratedRegex("\\{[^}]+\\}")] private static partial Regex ParametreRegex();
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")] private static partial Regex JetonRegex();
    [GeneratedRegex("data-cle=\"([A-Z2-7]+)\"")] private static partial Regex CleRegex();
}
