using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.CiblesUsage;
using OpenDui.Programme.Regles;
using OpenDui.Programme.Tests.Outils;
using OpenDui.Referentiel.Nomenclatures;
using Xunit;

namespace OpenDui.Programme.Tests;

/// <summary>The usage-target and adjustment pages through HTTP with the session cookie, on SQLite and PostgreSQL.</summary>
public abstract class PagesCiblesAjustements<THote>(THote app) : IClassFixture<THote> where THote : HoteProgramme
{
    private static int _sequence;

    /// <summary>A funded project in the usage phase since 15/01/2026: <paramref name="n"/> EHPAD and IME of the given
    /// département, written directly (the path to it is covered by the API scenarios).</summary>
    private async Task<(Guid Id, string Reference, IReadOnlyList<string> Finess)> ProjetEnUsageAsync(Guid porteurId, string? regionInstructrice, string departement, int n = 3)
    {
        var k = Interlocked.Increment(ref _sequence);
        var c = new Candidature
        {
            Reference = $"ESMS-2025-U{k:0000}", Annee = 2025, PorteurId = porteurId, Intitule = $"Projet en usage {k}", Type = TypeProjet.Acquisition,
            Statut = StatutCandidature.EnUsage, RegionInstructrice = regionInstructrice, Appel = regionInstructrice is null ? TypeAppel.National : TypeAppel.Regional,
            CreeeLe = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero), DebutUsageLe = new DateOnly(2026, 1, 15), MontantAccorde = n * 21_000,
        };
        for (var i = 0; i < n; i++)
            c.Essms.Add(new EssmsCandidature
            {
                CandidatureId = c.Id, FinessEt = $"{departement}{k:000}{i:0000}", Nom = $"ESSMS {k}-{i}", CategorieCode = i % 2 == 0 ? "500" : "183",
                Retenu = true, Champ = i % 2 == 0 ? ChampActivite.PA : ChampActivite.PH, DepartementCode = departement,
                RegionCode = Referentiels.Courant.RegionDuDepartement(departement)!.Code,
            });
        await app.AvecBaseAsync(async db => { db.Candidatures.Add(c); return await db.SaveChangesAsync(); });
        return (c.Id, c.Reference, c.Essms.Select(e => e.FinessEt).ToList());
    }

    /// <summary>A signed report of one quarter of the usage phase for one ESSMS (the import itself is another page's).</summary>
    private Task RapportAsync(Guid projet, string finess, params (string Code, long Num, long? Den)[] mesures) => app.AvecBaseAsync(async db =>
    {
        var r = new RapportUsage
        {
            IdentifiantRapport = Guid.NewGuid(), CandidatureId = projet, FinessEt = finess, Debut = new DateOnly(2026, 1, 15), Fin = new DateOnly(2026, 4, 14),
            EmisLe = new DateTimeOffset(2026, 4, 20, 8, 0, 0, TimeSpan.Zero), RecuLe = new DateTimeOffset(2026, 4, 21, 8, 0, 0, TimeSpan.Zero),
            Logiciel = "DUI de test", Signataire = "CN=Organisme de test", EmpreinteCertificat = new string('a', 64), Jws = "x.y.z",
        };
        r.Mesures.AddRange(mesures.Select(m => new MesureIndicateur { RapportId = r.Id, Code = m.Code, Numerateur = m.Num, Denominateur = m.Den }));
        db.Rapports.Add(r);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Les_cibles_d_usage_montrent_les_cibles_puis_l_evaluation_des_seuls_projets_du_perimetre()
    {
        var projetA = await ProjetEnUsageAsync(app.PorteurA, "84", "69");
        var porteurB = await app.AvecBaseAsync(db => db.Porteurs.Where(p => p.FinessEj == "750000002").Select(p => p.Id).SingleAsync());
        var projetB = await ProjetEnUsageAsync(porteurB, "11", "75");
        await RapportAsync(projetA.Id, projetA.Finess[0], ("DUI_ACTIF", 90, 100), ("INS_QUALIFIEE", 50, 100), ("MSS_ENVOI", 12, null));

        var porteur = await ClientPages.ConnecterAsync(app, "porteur.a");
        var liste = WebUtility.HtmlDecode(await porteur.PageAsync("/CiblesUsage"));
        liste.Should().Contain("DUI_ACTIF").And.Contain("80 %").And.Contain("10 au moins").And.Contain("PJM : pas de cible stricte DMP");
        liste.Should().Contain(projetA.Reference).And.NotContain(projetB.Reference);
        liste.Should().Contain("/CiblesUsage/Rapports").And.Contain("/CiblesUsage/Certificats");
        liste.Should().Contain("href=\"/Simulation\"").And.NotContain("href=\"/CiblesUsage/Ajustements\"", "adjustments are the ARS's, the CNSA's and the DNS's");

        var evaluation = WebUtility.HtmlDecode(await porteur.PageAsync($"/CiblesUsage?Projet={projetA.Id}"));
        evaluation.Should().Contain($"Évaluation de {projetA.Reference}");
        evaluation.Should().Contain("90 %").And.Contain("Atteinte").And.Contain("Non atteinte").And.Contain("Pas de rapport");
        // 3 ESSMS × 4 targets; the first ESSMS reached DUI_ACTIF and MSS_ENVOI only.
        evaluation.Should().Contain("2 / 12");
        (await porteur.GetAsync($"/CiblesUsage?Projet={projetB.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var ars11 = WebUtility.HtmlDecode(await (await ClientPages.ConnecterAsync(app, "ars11")).PageAsync("/CiblesUsage"));
        ars11.Should().Contain(projetB.Reference).And.NotContain(projetA.Reference);
        var cnsa = await ClientPages.ConnecterAsync(app, "cnsa");
        var national = WebUtility.HtmlDecode(await cnsa.PageAsync("/CiblesUsage"));
        national.Should().Contain(projetA.Reference).And.Contain(projetB.Reference);
        var filtre = WebUtility.HtmlDecode(await cnsa.PageAsync("/CiblesUsage?Region=11"));
        filtre.Should().Contain(projetB.Reference).And.NotContain(projetA.Reference);

        var admin = await ClientPages.ConnecterAsync(app, "admin");
        (await admin.GetAsync("/CiblesUsage")).DoitEtreRefuseAuProfil();
        (await admin.PageAsync("/")).Should().Contain("href=\"/Utilisateurs\"").And.NotContain("href=\"/CiblesUsage\"").And.NotContain("href=\"/Instruction\"");
        national.Should().Contain("href=\"/CiblesUsage/Ajustements\"").And.NotContain("href=\"/Utilisateurs\"");
        var anonyme = await ClientPages.Anonyme(app).GetAsync("/CiblesUsage");
        anonyme.Headers.Location!.ToString().Should().Contain("/Compte/Connexion");
    }

    [Fact]
    public async Task Un_ajustement_se_demande_s_instruit_se_decide_et_s_applique_depuis_la_page_chacun_selon_son_profil()
    {
        const string page = "/CiblesUsage/Ajustements";
        // 00:30 in Paris is still the day before in UTC: the page's dates are Paris dates, whatever the server's zone.
        app.Horloge.Regler(2025, 3, 4, 0, 30);
        var projet = await ProjetEnUsageAsync(app.PorteurA, "84", "69");
        await RapportAsync(projet.Id, projet.Finess[0], ("INS_QUALIFIEE", 50, 100));
        Task<int> Nombre() => app.AvecBaseAsync(db => db.Ajustements.CountAsync());
        async Task<Ajustement> Lire(Guid id) => await app.AvecBaseAsync(db => db.Ajustements.AsNoTracking().Include(a => a.Applications).SingleAsync(a => a.Id == id));

        (await (await ClientPages.ConnecterAsync(app, "porteur.a")).GetAsync(page)).DoitEtreRefuseAuProfil();
        (await (await ClientPages.ConnecterAsync(app, "admin")).GetAsync(page)).DoitEtreRefuseAuProfil();

        var ars84 = await ClientPages.ConnecterAsync(app, "ars84");
        (await ars84.PageAsync(page)).Should().Contain("Demander un ajustement");
        var avant = await Nombre();
        await (await ars84.PosterAsync(page, page + "?handler=Demander", new() { ["Demande.CodeCible"] = "INS_QUALIFIEE", ["Demande.Champ"] = "PA", ["Demande.Situation"] = " " }))
            .DoitRefuserAsync("Décrivez la situation documentée");
        await (await ars84.PosterAsync(page, page + "?handler=Demander", new() { ["Demande.CodeCible"] = "MSS_ENVOI", ["Demande.Champ"] = "", ["Demande.Situation"] = "x" }))
            .DoitRefuserAsync("sans dénominateur");
        await (await ars84.PosterAsync(page, page + "?handler=Demander", new() { ["Demande.CodeCible"] = "DMP_ALIMENTATION", ["Demande.Champ"] = "PJM", ["Demande.Situation"] = "x" }))
            .DoitRefuserAsync("ne s'applique pas au domaine Protection juridique des majeurs");
        (await Nombre()).Should().Be(avant);
        await (await ars84.PosterAsync(page, page + "?handler=Demander", new()
            { ["Demande.CodeCible"] = "INS_QUALIFIEE", ["Demande.Champ"] = "PA", ["Demande.Situation"] = "Résidents sans droits ouverts : INS impossible à qualifier." }))
            .DoitRedirigerAsync(page);
        var id = await app.AvecBaseAsync(db => db.Ajustements.Where(a => a.CodeCible == "INS_QUALIFIEE" && a.Champ == ChampActivite.PA).Select(a => a.Id).SingleAsync());
        await (await ars84.PosterAsync(page, page + "?handler=Demander", new() { ["Demande.CodeCible"] = "INS_QUALIFIEE", ["Demande.Champ"] = "PA", ["Demande.Situation"] = "encore" }))
            .DoitRefuserAsync("Votre ARS a déjà demandé cet ajustement");

        // Another ARS joins; the CNSA instructs; then each national institution decides.
        var ars11 = await ClientPages.ConnecterAsync(app, "ars11");
        (await ars11.PageAsync(page)).Should().Contain("Joindre mon ARS à la demande");
        await (await ars11.PosterAsync(page, $"{page}?handler=Rejoindre&id={id}", new())).DoitRedirigerAsync(page);
        (await Lire(id)).RegionsDemandeuses.Should().Equal("84", "11");
        var dns = await ClientPages.ConnecterAsync(app, "dns");
        (await dns.PageAsync(page)).Should().NotContain("Avis d'instruction de la CNSA").And.NotContain("Décision de la DNS");
        var cnsa = await ClientPages.ConnecterAsync(app, "cnsa");
        await (await cnsa.PosterAsync(page, $"{page}?handler=Instruire&id={id}", new() { ["Avis.Avis"] = "" })).DoitRefuserAsync("Rédigez l'avis d'instruction");
        (await Lire(id)).Statut.Should().Be(StatutAjustement.Demande);
        await (await cnsa.PosterAsync(page, $"{page}?handler=Instruire&id={id}", new() { ["Avis.Avis"] = "Situation documentée dans deux régions." })).DoitRedirigerAsync(page);
        (await dns.PageAsync(page)).Should().Contain("Décision de la DNS");
        await (await dns.PosterAsync(page, $"{page}?handler=Decider&id={id}", new() { ["Decision.Accord"] = "true", ["Decision.Motif"] = "" })).DoitRefuserAsync("Motivez la décision");
        await (await dns.PosterAsync(page, $"{page}?handler=Decider&id={id}", new() { ["Decision.Accord"] = "true", ["Decision.Motif"] = "Accord DNS." })).DoitRedirigerAsync(page);
        (await Lire(id)).Statut.Should().Be(StatutAjustement.Instruit, "one accord is not the joint decision");
        (await dns.PageAsync(page)).Should().NotContain("Décision de la DNS");
        await (await cnsa.PosterAsync(page, $"{page}?handler=Decider&id={id}", new() { ["Decision.Accord"] = "true", ["Decision.Motif"] = "Accord CNSA." })).DoitRedirigerAsync(page);
        (await Lire(id)).Statut.Should().Be(StatutAjustement.Accepte);

        // The instructing ARS applies it to one ESSMS of its project; the ARS that only joined cannot reach that project.
        var formulaire = WebUtility.HtmlDecode(await ars84.PageAsync(page));
        formulaire.Should().Contain("Appliquer l'ajustement").And.Contain(projet.Reference);
        // Only the ESSMS of the adjustment's domain (PA) are offered: the IME (PH) of the project is not.
        formulaire.Should().Contain($"{projet.Id}|{projet.Finess[0]}").And.NotContain($"{projet.Id}|{projet.Finess[1]}");
        Dictionary<string, string> Application(string essms, string reduction) => new()
        {
            ["Application.Essms"] = essms, ["Application.Reduction"] = reduction, ["Application.Justification"] = "Liste nominative tenue par l'ESSMS, vérifiée sur place.",
        };
        await (await ars84.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application("", "5"))).DoitRefuserAsync("Choisissez l'ESSMS");
        await (await ars84.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application($"{projet.Id}|690009999", "5"))).DoitRefuserAsync("Cet ESSMS ne fait pas partie du projet");
        await (await ars84.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application($"{projet.Id}|{projet.Finess[1]}", "5"))).DoitRefuserAsync("ne vaut que pour le domaine");
        await (await ars84.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application($"{projet.Id}|{projet.Finess[0]}", "cinq"))).DoitRefuserAsync("n'est pas valide");
        (await ars11.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application($"{projet.Id}|{projet.Finess[0]}", "5"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Lire(id)).Applications.Should().BeEmpty();
        await (await ars84.PosterAsync(page, $"{page}?handler=Appliquer&id={id}", Application($"{projet.Id}|{projet.Finess[0]}", "20"))).DoitRedirigerAsync(page);
        (await Lire(id)).Applications.Should().ContainSingle().Which.Reduction.Should().Be(20);

        // 50 / (100 - 20) = 62.5 %: the target is now reached, and the page says why.
        var evaluation = WebUtility.HtmlDecode(await ars84.PageAsync($"/CiblesUsage?Projet={projet.Id}"));
        evaluation.Should().Contain("− 20").And.MatchRegex(@"50 / 100 \(ajusté − 20\) = 62[.,]5 %");
        var apres = WebUtility.HtmlDecode(await ars84.PageAsync(page));
        apres.Should().Contain("Applications aux ESSMS").And.NotContain($"{projet.Id}|{projet.Finess[0]}", "an ESSMS is adjusted once");
        apres.Should().Contain("<dt>Demandé le</dt><dd>04/03/2025</dd>").And.Contain("<td>04/03/2025</td>");

        // The ARS that joined the request sees the adjustment, not what the other ARS applied to its own files; the CNSA sees all.
        var autreArs = WebUtility.HtmlDecode(await ars11.PageAsync(page));
        autreArs.Should().Contain("Résidents sans droits ouverts").And.NotContain(projet.Finess[0]).And.NotContain("Applications aux ESSMS");
        var api11 = await (await app.ClientApiAsync("ars11")).GetFromJsonAsync<JsonElement>("/api/ajustements?annee=2025");
        api11.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("applications").GetArrayLength().Should().Be(0);
        WebUtility.HtmlDecode(await cnsa.PageAsync(page)).Should().Contain(projet.Finess[0]);
    }
}

public sealed class PagesCiblesAjustementsSqlite(HoteSqlite app) : PagesCiblesAjustements<HoteSqlite>(app);

public sealed class PagesCiblesAjustementsPostgres(HotePostgres app) : PagesCiblesAjustements<HotePostgres>(app);
