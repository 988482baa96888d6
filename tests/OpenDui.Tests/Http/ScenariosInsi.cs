using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDui.InsiSimulateur;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The host with its INSi adapter pointed at the simulator (HTTPS, client certificate).</summary>
public abstract class ApplicationInsi : ApplicationDeTest
{
    public Interop.SimulateurInsiFixture Simulateur { get; } = new();

    protected override void ConfigurerEnPlus(IWebHostBuilder builder) => ConfigurerInsi(builder, Simulateur);

    public override async Task InitializeAsync()
    {
        await Simulateur.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulateur.DisposeAsync();
    }
}

public sealed class ApplicationInsiSqlite : ApplicationInsi
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-insi-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationInsiPostgres : ApplicationInsi
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>The INSi endpoints (/api/usagers/{id}/insi/*) and the identity rules around them, over HTTP, on both databases.</summary>
public abstract class ScenariosInsi<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationInsi
{
    private const string Secretariat = "secretariat.ehpad";

    /// <summary>Synthetic people of the simulator's register, each used by one test only (an INS is held once).</summary>
    private static readonly IReadOnlyList<IdentiteSimulee> Registre = new Registre().Identites
        .Skip(7)
        .Where(i => (i.NomNaissance + string.Concat(i.Prenoms)).All(c => c is >= 'A' and <= 'Z' or '-' or '\''))
        .Where(i => i.Prenoms.All(p => !p.Contains(' ')))
        .ToList();

    private async Task<Guid> CreerAsync(string nom, string prenoms, string sexe, DateOnly naissance, string? lieu)
    {
        var api = await app.ClientApiAsync(Secretariat);
        var rep = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom, prenomsNaissance = prenoms, sexe, dateNaissance = naissance.ToString("yyyy-MM-dd"), lieuNaissance = lieu,
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<Guid> CreerAsync(IdentiteSimulee i, bool avecLieu = true) =>
        CreerAsync(i.NomNaissance, string.Join(' ', i.Prenoms), i.Sexe.ToString(), i.DateNaissance, avecLieu ? i.LieuNaissance : null);

    private async Task<Usager> LireAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Usagers.AsNoTracking().SingleAsync(u => u.Id == id);
    }

    /// <summary>The INSi acts filed under the record (the DPO's search by usager finds them).</summary>
    private async Task<List<string>> TracesInsiAsync(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>();
        var auteur = app.Compte(Secretariat).Id;
        return await db.TracesModification.AsNoTracking()
            .Where(t => t.Entite == "Usager" && t.EntiteId == id.ToString() && t.UsagerId == id && t.Action == "INSi" && t.AuteurId == auteur)
            .OrderBy(t => t.Id).Select(t => t.Apres ?? "").ToListAsync();
    }

    /// <summary>PUT /identite from the record as stored, with some fields changed.</summary>
    private async Task<HttpResponseMessage> ModifierAsync(Guid id, Action<Dictionary<string, object?>> changer)
    {
        var u = await LireAsync(id);
        var corps = new Dictionary<string, object?>
        {
            ["nomNaissance"] = u.NomNaissance, ["prenomsNaissance"] = u.PrenomsNaissance, ["sexe"] = u.Sexe.ToString(),
            ["dateNaissance"] = u.DateNaissance.ToString("yyyy-MM-dd"), ["lieuNaissance"] = u.LieuNaissance, ["nomUtilise"] = u.NomUtilise,
            ["prenomUtilise"] = u.PrenomUtilise, ["matriculeIns"] = u.MatriculeIns, ["oidIns"] = u.OidIns,
            ["douteuse"] = u.Douteuse, ["fictive"] = u.Fictive, ["homonyme"] = u.Homonyme, ["version"] = u.Version,
        };
        changer(corps);
        return await (await app.ClientApiAsync(Secretariat)).PutAsJsonAsync($"/api/usagers/{id}/identite", corps);
    }

    private async Task<HttpResponseMessage> PosterAsync(string url, object? corps = null) =>
        await (await app.ClientApiAsync(Secretariat)).PostAsJsonAsync(url, corps ?? new { });

    private async Task<JsonElement> RechercherAsync(Guid id)
    {
        var rep = await PosterAsync($"/api/usagers/{id}/insi/recherche");
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await rep.Content.ReadAsStringAsync());
        return await rep.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> TexteAsync(HttpResponseMessage r) => await r.Content.ReadAsStringAsync();

    [Fact]
    public async Task Rechercher_accepter_puis_controler_qualifie_et_l_INS_de_l_INSi_ne_se_modifie_plus_a_la_main()
    {
        var x = Registre[0];
        var id = await CreerAsync(x);
        var trouve = await RechercherAsync(id);
        trouve.GetProperty("reponse").GetProperty("issue").GetString().Should().Be("Trouvee");
        trouve.GetProperty("reponse").GetProperty("identite").GetProperty("matricule").GetString().Should().Be(x.Matricule);

        var acceptation = await PosterAsync($"/api/usagers/{id}/insi/acceptation", new { matricule = x.Matricule });
        acceptation.StatusCode.Should().Be(HttpStatusCode.OK, await TexteAsync(acceptation));
        (await acceptation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statut").GetString().Should().Be("RECUP");
        (await PosterAsync($"/api/usagers/{id}/justificatif", new { type = "CN", dateControle = "2026-01-05" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LireAsync(id)).Statut.Should().Be(StatutIdentite.Qualifiee);

        // Each INSi call is in the change trail: who, which usager, the answer code; never the traits or the INS.
        var traces = await TracesInsiAsync(id);
        traces.Should().HaveCount(2).And.OnlyContain(t => t.Contains("\"compteRendu\":\"00\"") && !t.Contains(x.NomNaissance) && !t.Contains(x.Matricule));

        var autre = x.Matricule[..10] + "999";
        autre += OpenDui.Referentiel.Identifiants.MatriculeIns.CalculerCle(autre);
        var remplace = await ModifierAsync(id, c => c["matriculeIns"] = autre);
        remplace.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TexteAsync(remplace)).Should().Contain("téléservice INSi").And.Contain("Rechercher l'INS");
        (await ModifierAsync(id, c => c["matriculeIns"] = null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var u = await LireAsync(id);
        (u.MatriculeIns, u.Statut).Should().Be((x.Matricule, StatutIdentite.Qualifiee));

        // Used traits are local: saving them keeps QUAL. A birth trait typed by hand drops both facts.
        (await ModifierAsync(id, c => c["nomUtilise"] = "Martin")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LireAsync(id)).Statut.Should().Be(StatutIdentite.Qualifiee);
        var date = await ModifierAsync(id, c => c["dateNaissance"] = x.DateNaissance.AddDays(1).ToString("yyyy-MM-dd"));
        date.StatusCode.Should().Be(HttpStatusCode.OK, await TexteAsync(date));
        u = await LireAsync(id);
        (u.Statut, u.RecupereeViaInsi, u.JustificatifType).Should().Be((StatutIdentite.Provisoire, false, (TypeJustificatif?)null));
    }

    [Fact]
    public async Task Accepter_des_traits_INSi_differents_de_ceux_du_justificatif_donne_RECUP_et_redemande_le_controle()
    {
        // The simulator knows ORDRE MARTHE LOUISE; the record and its checked document say LOUISE MARTHE.
        var id = await CreerAsync("ORDRE", "LOUISE MARTHE", "F", new DateOnly(1941, 2, 3), "33063");
        (await PosterAsync($"/api/usagers/{id}/justificatif", new { type = "PA", dateControle = "2026-01-05" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var matricule = (await RechercherAsync(id)).GetProperty("reponse").GetProperty("identite").GetProperty("matricule").GetString();
        var rep = await PosterAsync($"/api/usagers/{id}/insi/acceptation", new { matricule });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await TexteAsync(rep));
        var r = await rep.Content.ReadFromJsonAsync<JsonElement>();
        r.GetProperty("statut").GetString().Should().Be("RECUP");
        r.GetProperty("justificatifARecontroler").GetBoolean().Should().BeTrue();
        var u = await LireAsync(id);
        (u.PrenomsNaissance, u.JustificatifType, u.InsQualifie).Should().Be(("MARTHE LOUISE", (TypeJustificatif?)null, ((string, string)?)null));
        // The words of the name search follow the INSi traits (the glued first names change order).
        using (var scope = app.Services.CreateScope())
        {
            var mots = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().MotsNomsUsagers.AsNoTracking()
                .Where(m => m.UsagerOrigineId == id).Select(m => m.Mot).ToListAsync();
            mots.Should().BeEquivalentTo(MotsNoms.MotsDe(u)).And.Contain("MARTHELOUISE").And.NotContain("LOUISEMARTHE");
        }
        var chronologie = await (await app.ClientApiAsync(Secretariat)).GetStringAsync($"/api/usagers/{id}/chronologie");
        chronologie.Should().Contain("contrôlez de nouveau la pièce d'identité");
    }

    [Fact]
    public async Task Un_INS_deja_porte_par_un_autre_dossier_est_une_alerte_et_l_identite_reste_inchangee()
    {
        var x = Registre[1];
        var premier = await CreerAsync("AUTRE", "PERSONNE", x.Sexe.ToString(), x.DateNaissance, null);
        (await ModifierAsync(premier, c => { c["matriculeIns"] = x.Matricule; c["oidIns"] = x.Oid; })).StatusCode.Should().Be(HttpStatusCode.OK);
        var id = await CreerAsync(x);
        var rep = await PosterAsync($"/api/usagers/{id}/insi/acceptation", new { matricule = x.Matricule });
        rep.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("collision d'INS").And.Contain("référent en identitovigilance");
        var u = await LireAsync(id);
        (u.Statut, u.MatriculeIns, u.RecupereeViaInsi).Should().Be((StatutIdentite.Provisoire, (string?)null, false));
        (await LireAsync(premier)).FusionneDansId.Should().BeNull("a collision is never merged silently");
    }

    [Fact]
    public async Task Une_identite_douteuse_fictive_ou_de_sexe_indetermine_n_appelle_pas_l_INSi()
    {
        var x = Registre[2];
        var id = await CreerAsync(x);
        foreach (var attribut in new[] { "douteuse", "fictive" })
        {
            (await ModifierAsync(id, c => { c["douteuse"] = attribut == "douteuse"; c["fictive"] = attribut == "fictive"; })).StatusCode.Should().Be(HttpStatusCode.OK);
            foreach (var (url, corps) in new (string, object?)[] { ("recherche", null), ("acceptation", new { matricule = x.Matricule }) })
            {
                var rep = await PosterAsync($"/api/usagers/{id}/insi/{url}", corps);
                rep.StatusCode.Should().Be(HttpStatusCode.BadRequest);
                (await TexteAsync(rep)).Should().Contain("douteuse ou fictive");
            }
        }
        // A fictitious identity takes no INS by hand either.
        var ins = await ModifierAsync(id, c => c["matriculeIns"] = x.Matricule);
        ins.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TexteAsync(ins)).Should().Contain("fictive ne peut pas porter d'INS");

        var indetermine = await CreerAsync("INDETERMINE", "CAMILLE", "I", new DateOnly(1990, 4, 4), null);
        var refus = await PosterAsync($"/api/usagers/{indetermine}/insi/recherche");
        refus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TexteAsync(refus)).Should().Contain("sexe indéterminé");
        (await TracesInsiAsync(id)).Should().BeEmpty("INSi was never called");
        (await TracesInsiAsync(indetermine)).Should().BeEmpty();
    }

    [Fact]
    public async Task INSi_arrete_ou_en_panne_l_identite_est_inchangee_et_le_probleme_est_dit_clairement()
    {
        var panne = await CreerAsync("PANNE", "TEST", "F", new DateOnly(1970, 1, 1), null);
        var rep = await PosterAsync($"/api/usagers/{panne}/insi/recherche");
        rep.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("Le téléservice INSi est indisponible");

        var x = Registre[3];
        var id = await CreerAsync(x);
        await app.Simulateur.ArreterAsync();
        try
        {
            foreach (var (url, corps) in new (string, object?)[] { ("recherche", null), ("acceptation", new { matricule = x.Matricule }) })
            {
                var r = await PosterAsync($"/api/usagers/{id}/insi/{url}", corps);
                r.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await TexteAsync(r));
                r.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("injoignable").And.Contain("inchangée");
            }
            var u = await LireAsync(id);
            (u.Statut, u.MatriculeIns, u.RecupereeViaInsi).Should().Be((StatutIdentite.Provisoire, (string?)null, false));
            (await TracesInsiAsync(id)).Should().HaveCount(2).And.OnlyContain(t => t.Contains("\"compteRendu\":\"indisponible\""));
        }
        finally
        {
            await app.Simulateur.RedemarrerAsync();
        }
        (await RechercherAsync(id)).GetProperty("reponse").GetProperty("issue").GetString().Should().Be("Trouvee", "INSi is back");
    }

    [Fact]
    public async Task Retirer_la_verification_du_justificatif_demande_un_motif_et_recalcule_le_niveau()
    {
        var x = Registre[4];
        var id = await CreerAsync(x);
        (await PosterAsync($"/api/usagers/{id}/justificatif", new { type = "CN", dateControle = "2026-01-05" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await PosterAsync($"/api/usagers/{id}/insi/acceptation", new { matricule = x.Matricule })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LireAsync(id)).Statut.Should().Be(StatutIdentite.Qualifiee, "INSi's traits are those the document was checked against");

        (await PosterAsync($"/api/usagers/{id}/justificatif/retrait", new { motif = " " })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await LireAsync(id)).Statut.Should().Be(StatutIdentite.Qualifiee);
        var rep = await PosterAsync($"/api/usagers/{id}/justificatif/retrait", new { motif = "Pièce présentée reconnue falsifiée" });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await TexteAsync(rep));
        var u = await LireAsync(id);
        (u.Statut, u.JustificatifType).Should().Be((StatutIdentite.Recuperee, (TypeJustificatif?)null));
        var chronologie = await (await app.ClientApiAsync(Secretariat)).GetStringAsync($"/api/usagers/{id}/chronologie");
        chronologie.Should().Contain("Pièce présentée reconnue falsifiée").And.Contain("QUAL → RECUP");
        var encore = await PosterAsync($"/api/usagers/{id}/justificatif/retrait", new { motif = "encore" });
        encore.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TexteAsync(encore)).Should().Contain("Aucun justificatif");
        // Out of the caller's perimeter: 404, as for any other record.
        (await (await app.ClientApiAsync("secretariat.ime")).PostAsJsonAsync($"/api/usagers/{id}/justificatif/retrait", new { motif = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Une_identite_nee_en_Corse_est_acceptee_avec_son_INS_2A()
    {
        var id = await CreerAsync("CORSE", "MARIE ANTOINETTE", "F", new DateOnly(1953, 7, 14), "2A073");
        var rep = await PosterAsync($"/api/usagers/{id}/insi/acceptation", new { matricule = "253072A07300443" });
        rep.StatusCode.Should().Be(HttpStatusCode.OK, await TexteAsync(rep));
        var u = await LireAsync(id);
        (u.Statut, u.MatriculeIns, u.LieuNaissance).Should().Be((StatutIdentite.Recuperee, "253072A07300443", "2A073"));
    }
}

/// <summary>The identity page on a record whose INS came from INSi: shown, not editable; the document check withdrawn with a reason.</summary>
public sealed partial class PageIdentiteInsiTests(ApplicationInsiSqlite app) : IClassFixture<ApplicationInsiSqlite>
{
    [System.Text.RegularExpressions.GeneratedRegex("name=\"Version\"[^>]*value=\"(\\d+)\"")] private static partial System.Text.RegularExpressions.Regex VersionRegex();

    [Fact]
    public async Task L_INS_de_l_INSi_est_affiche_sans_etre_modifiable_et_le_retrait_du_justificatif_demande_un_motif()
    {
        var api = await app.ClientApiAsync("secretariat.ehpad");
        var creation = await api.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = "PAT-TROIS", prenomsNaissance = "Dominique", sexe = "F", dateNaissance = "1979-03-15", lieuNaissance = "51215",
            sejour = new { essmsId = app.Ehpad, dateAdmissionPrevue = "2026-01-05", dateAdmission = "2026-01-05", modalite = "HebergementPermanent", provenance = "Domicile" },
            confirmerNonDoublon = true,
        });
        var id = (await creation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/usagers/{id}/insi/acceptation", new { matricule = "279035121518989" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var session = await app.SessionAsync("secretariat.ehpad");
        var url = $"/Usagers/Identite/{id}";
        var html = WebUtility.HtmlDecode(await session.GetStringAsync(url));
        html.Should().Contain("Obtenu du téléservice INSi").And.Contain("279035121518989").And.NotContain("<label for=\"MatriculeIns\"");
        html.Should().NotContain("Retirer la vérification", "no document was checked yet");
        (string, string)[] Champs(string page, string matricule, string? nomUtilise) =>
        [
            ("Identite.NomNaissance", "PAT-TROIS"), ("Identite.PrenomsNaissance", "DOMINIQUE"), ("Identite.Sexe", "F"), ("Identite.DateNaissance", "1979-03-15"),
            ("Identite.LieuNaissance", "51215"), ("Identite.NomUtilise", nomUtilise ?? ""), ("MatriculeIns", matricule), ("OidIns", "1.2.250.1.213.1.4.10"),
            ("Version", VersionRegex().Match(page).Groups[1].Value),
        ];

        var refus = await session.PostAsync($"{url}?handler=Modifier", ProtectionTests.Formulaire(html, Champs(html, "253072A07300443", null)));
        refus.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await refus.Content.ReadAsStringAsync()).Should().Contain("ne se modifient pas à la main");
        var ok = await session.PostAsync($"{url}?handler=Modifier", ProtectionTests.Formulaire(html, Champs(html, "279035121518989", "Durand")));
        ok.StatusCode.Should().Be(HttpStatusCode.Redirect, WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()));

        html = await session.GetStringAsync(url);
        (await session.PostAsync($"{url}?handler=Justificatif", ProtectionTests.Formulaire(html, ("TypeJustificatif", "CN"), ("DateControle", "2026-01-05"))))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        html = WebUtility.HtmlDecode(await session.GetStringAsync(url));
        html.Should().Contain("Retirer la vérification").And.Contain("QUAL");
        var sansMotif = await session.PostAsync($"{url}?handler=RetirerJustificatif", ProtectionTests.Formulaire(html, ("MotifRetrait", "")));
        sansMotif.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await sansMotif.Content.ReadAsStringAsync()).Should().Contain("Indiquez pourquoi la vérification du justificatif est retirée");
        (await session.PostAsync($"{url}?handler=RetirerJustificatif", ProtectionTests.Formulaire(html, ("MotifRetrait", "Contrôle saisi par erreur"))))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var scope = app.Services.CreateScope();
        var u = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Usagers.AsNoTracking().SingleAsync(x => x.Id == id);
        (u.Statut, u.MatriculeIns, u.NomUtilise, u.JustificatifType).Should().Be((StatutIdentite.Recuperee, "279035121518989", "DURAND", (TypeJustificatif?)null));
    }
}

public sealed class ScenariosInsiSqlite(ApplicationInsiSqlite app) : ScenariosInsi<ApplicationInsiSqlite>(app);

public sealed class ScenariosInsiPostgres(ApplicationInsiPostgres app) : ScenariosInsi<ApplicationInsiPostgres>(app);
