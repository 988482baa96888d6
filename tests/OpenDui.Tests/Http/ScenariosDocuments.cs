using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenDui.Tests.Outils;
using OpenDui.Web.Features.Audit;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;
using Xunit;

namespace OpenDui.Tests.Http;

/// <summary>The DUI with its document store in a throw-away directory and a small file limit (100 000 bytes).</summary>
public abstract class ApplicationDocuments : ApplicationDeTest
{
    public const long TailleMax = 100_000;
    public string Dossier { get; } = Path.Combine(Path.GetTempPath(), $"opendui-documents-{Guid.NewGuid():N}");

    protected override void ConfigurerEnPlus(IWebHostBuilder builder)
    {
        builder.UseSetting("Documents:Dossier", Dossier);
        builder.UseSetting("Documents:TailleMaxOctets", TailleMax.ToString());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Dossier)) Directory.Delete(Dossier, recursive: true);
    }
}

public sealed class ApplicationDocumentsSqlite : ApplicationDocuments
{
    private readonly string _fichier = Path.Combine(Path.GetTempPath(), $"opendui-test-{Guid.NewGuid():N}.db");
    protected override string Fournisseur => "Sqlite";
    protected override string ChaineDeConnexion => $"Data Source={_fichier};Pooling=False";
}

public sealed class ApplicationDocumentsPostgres : ApplicationDocuments
{
    private readonly string _base = $"opendui_test_{Guid.NewGuid():N}";
    protected override string Fournisseur => "Postgres";
    protected override string ChaineDeConnexion => new NpgsqlConnectionStringBuilder(Postgres.ChaineServeur) { Database = _base }.ConnectionString;
}

/// <summary>Documents of the record on both databases: content check, read back identical, download headers and trace,
/// perimeter, search, withdrawal, merge and undo, the unconfirmed deposit, the page and "À faire".</summary>
public abstract partial class ScenariosDocuments<TApp>(TApp app) : IClassFixture<TApp> where TApp : ApplicationDocuments
{
    private static readonly DateOnly Aujourdhui = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
    private static string Lettres(int n) => string.Concat(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(n)).ToUpperInvariant().PadRight(n, 'Z');
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    // Minimal files: the signature, then some bytes of their own (each file differs).
    private static byte[] Avec(byte[] entete, int taille = 600) => [.. entete, .. RandomNumberGenerator.GetBytes(taille)];
    private static byte[] Pdf(int taille = 600) => Avec(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), taille);
    private static byte[] Png() => Avec([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]);
    private static byte[] Jpeg() => Avec([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00]);
    private static string Sha256(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    private async Task<Guid> AdmettreAsync(string compte, Guid essms, DateOnly admission, string? nom = null)
    {
        var client = await app.ClientApiAsync(compte);
        var rep = await client.PostAsJsonAsync("/api/usagers", new
        {
            nomNaissance = nom ?? "DOC" + Lettres(8), prenomsNaissance = "Lu" + Lettres(6).ToLowerInvariant(), sexe = "F",
            dateNaissance = Iso(new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(20000))),
            sejour = new { essmsId = essms, dateAdmissionPrevue = Iso(admission), dateAdmission = Iso(admission), modalite = "Internat", provenance = "Domicile" },
        });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static MultipartFormDataContent Formulaire(string? type, byte[] octets, string nom, string typeDeclare, string? titre = null, string? date = null)
    {
        var f = new MultipartFormDataContent();
        if (type is not null) f.Add(new StringContent(type), "type");
        if (titre is not null) f.Add(new StringContent(titre), "titre");
        if (date is not null) f.Add(new StringContent(date), "dateDocument");
        var fichier = new ByteArrayContent(octets);
        fichier.Headers.ContentType = new MediaTypeHeaderValue(typeDeclare);
        f.Add(fichier, "fichier", nom);
        return f;
    }

    private static async Task<Guid> DeposeAsync(HttpClient client, Guid usager, string type, byte[] octets, string nom, string typeDeclare, string? titre = null, string? date = null)
    {
        var rep = await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire(type, octets, nom, typeDeclare, titre, date));
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string[]> ErreursFichierAsync(HttpResponseMessage rep)
    {
        rep.StatusCode.Should().Be(HttpStatusCode.BadRequest, await rep.Content.ReadAsStringAsync());
        return (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("fichier").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private async Task<List<string>> LecturesAsync(Guid usagerId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().TracesAcces.AsNoTracking()
            .Where(t => t.UsagerId == usagerId).OrderBy(t => t.Id).Select(t => t.Ressource).ToListAsync();
    }

    private static async Task<List<JsonElement>> ListeAsync(HttpClient client, Guid usager, string requete = "") =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/usagers/{usager}/documents{requete}")).EnumerateArray().ToList();

    [Fact]
    public async Task Un_pdf_une_png_et_une_jpeg_se_relisent_identiques_avec_leur_type_detecte()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var fichiers = new (string Type, byte[] Octets, string Nom, string Declare, string Detecte)[]
        {
            ("ContratSejourSigne", Pdf(), "contrat.pdf", "application/pdf", "application/pdf"),
            ("PieceIdentite", Png(), "carte.png", "image/png", "image/png"),
            ("AttestationAssuranceMaladie", Jpeg(), "attestation.jpg", "image/jpeg", "image/jpeg"),
            // A PNG named like a PDF, declared as one: stored as what it is.
            ("Autre", Png(), "scan.pdf", "application/pdf", "image/png"),
        };
        foreach (var f in fichiers)
        {
            var id = await DeposeAsync(client, usager, f.Type, f.Octets, f.Nom, f.Declare, date: Iso(Aujourdhui.AddDays(-1)));
            var rep = await client.GetAsync($"/api/documents/{id}/contenu");
            rep.StatusCode.Should().Be(HttpStatusCode.OK);
            Sha256(await rep.Content.ReadAsByteArrayAsync()).Should().Be(Sha256(f.Octets), f.Nom);
            rep.Content.Headers.ContentType!.MediaType.Should().Be(f.Detecte);
            var ligne = (await ListeAsync(client, usager)).Single(d => d.GetProperty("id").GetGuid() == id);
            ligne.GetProperty("typeContenu").GetString().Should().Be(f.Detecte);
            ligne.GetProperty("empreinte").GetString().Should().Be(Sha256(f.Octets));
            ligne.GetProperty("taille").GetInt64().Should().Be(f.Octets.Length);
            ligne.GetProperty("nomFichier").GetString().Should().Be(f.Nom);
            File.Exists(Path.Combine(app.Dossier, id.ToString("N"))).Should().BeTrue();
        }
        // The PNG filed as scan.pdf is offered as scan.png.
        var scan = (await ListeAsync(client, usager)).Single(d => d.GetProperty("nomFichier").GetString() == "scan.pdf").GetProperty("id").GetGuid();
        (await client.GetAsync($"/api/documents/{scan}/contenu")).Content.Headers.ContentDisposition!.FileName!.Trim('"').Should().Be("scan.png");
        // Nothing is left half-written in the store.
        Directory.GetFiles(app.Dossier, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public async Task Les_fichiers_qui_mentent_sur_leur_type_les_vides_et_les_trop_gros_sont_refuses()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
        (await ErreursFichierAsync(await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", html, "x.pdf", "application/pdf"))))
            .Should().ContainSingle().Which.Should().Contain("ni un PDF, ni une image JPEG ou PNG");
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        (await ErreursFichierAsync(await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", svg, "logo.svg", "image/svg+xml")))).Should().NotBeEmpty();
        var zip = Avec([0x50, 0x4B, 0x03, 0x04]);
        (await ErreursFichierAsync(await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", zip, "scan.png", "image/png")))).Should().NotBeEmpty();
        (await ErreursFichierAsync(await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", [], "vide.pdf", "application/pdf"))))
            .Should().ContainSingle().Which.Should().Contain("vide");
        var gros = Pdf((int)ApplicationDocuments.TailleMax);
        (await ErreursFichierAsync(await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", gros, "gros.pdf", "application/pdf"))))
            .Should().ContainSingle().Which.Should().Contain("taille maximale");
        // Far beyond the limit, the declared body is refused before it is read (the upload's own limit, not the API's 1 Mo).
        var tropGros = await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", Pdf(3 * (int)ApplicationDocuments.TailleMax), "enorme.pdf", "application/pdf"));
        tropGros.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await tropGros.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain("taille maximale");
        // Just under the limit is accepted.
        await DeposeAsync(client, usager, "Autre", Pdf((int)ApplicationDocuments.TailleMax - 200), "juste.pdf", "application/pdf");
        // A type is asked for.
        var sansType = await client.PostAsync($"/api/usagers/{usager}/documents", Formulaire(null, Pdf(), "a.pdf", "application/pdf"));
        sansType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await sansType.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("type", out _).Should().BeTrue();

        (await ListeAsync(client, usager)).Select(d => d.GetProperty("nomFichier").GetString()).Should().Equal("juste.pdf");
        // No file was kept for the refused ones.
        using var scope = app.Services.CreateScope();
        var cles = await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().DocumentsUsagers.Select(d => d.CleStockage).ToListAsync();
        Directory.GetFiles(app.Dossier).Select(Path.GetFileName).Should().BeSubsetOf(cles);
    }

    [Fact]
    public async Task Le_telechargement_est_une_piece_jointe_isolee_et_laisse_une_seule_lecture_tracee()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var client = await app.ClientApiAsync("infirmier.ehpad");
        var id = await DeposeAsync(client, usager, "Ordonnance", Pdf(), "ordonnance du médecin.pdf", "application/pdf");
        var avant = await LecturesAsync(usager);

        var rep = await client.GetAsync($"/api/documents/{id}/contenu");
        rep.StatusCode.Should().Be(HttpStatusCode.OK);
        rep.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        rep.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        rep.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        var csp = string.Join(";", rep.Headers.GetValues("Content-Security-Policy"));
        csp.Should().Contain("sandbox").And.Contain("default-src 'none'");
        rep.Headers.CacheControl!.NoStore.Should().BeTrue();

        var apres = await LecturesAsync(usager);
        apres.Should().HaveCount(avant.Count + 1, "one download, one read in the access trail");
        apres[^1].Should().Contain(id.ToString());

        // The page's download says the same.
        var session = await app.SessionAsync("infirmier.ehpad");
        var page = await session.GetAsync($"/Documents/Fichier/{id}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        string.Join(";", page.Headers.GetValues("Content-Security-Policy")).Should().Contain("sandbox");
        (await LecturesAsync(usager)).Should().HaveCount(avant.Count + 2);
    }

    [Fact]
    public async Task Hors_de_son_perimetre_on_ne_liste_ni_ne_telecharge_ni_ne_depose()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var id = await DeposeAsync(await app.ClientApiAsync("secretariat.ehpad"), usager, "PieceIdentite", Png(), "carte.png", "image/png");
        var educateur = await app.ClientApiAsync("educateur.ime");
        (await educateur.GetAsync($"/api/usagers/{usager}/documents")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateur.GetAsync($"/api/documents/{id}/contenu")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateur.PostAsync($"/api/usagers/{usager}/documents", Formulaire("Autre", Pdf(), "a.pdf", "application/pdf"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await educateur.PostAsJsonAsync($"/api/documents/{id}/retrait", new { motif = "essai" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await app.SessionAsync("educateur.ime")).GetAsync($"/Documents/Fichier/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // The DPO reads no record: refused by the policy.
        (await (await app.ClientApiAsync("dpo")).GetAsync($"/api/documents/{id}/contenu")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task On_cherche_par_type_par_periode_et_par_mots_sans_casse_ni_accents()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-30));
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var identite = await DeposeAsync(client, usager, "PieceIdentite", Png(), "CNI recto.png", "image/png", "Carte nationale d'identité", Iso(Aujourdhui.AddYears(-2)));
        var cr = await DeposeAsync(client, usager, "CompteRendu", Pdf(), "cr-hospitalisation.pdf", "application/pdf", "Compte rendu de l'Hôpital Nord", Iso(Aujourdhui.AddDays(-10)));
        var ordo = await DeposeAsync(client, usager, "Ordonnance", Jpeg(), "photo ordonnance.jpg", "image/jpeg", null, Iso(Aujourdhui.AddDays(-2)));

        (await ListeAsync(client, usager)).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(ordo, cr, identite);
        (await ListeAsync(client, usager, "?type=PieceIdentite")).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(identite);
        (await ListeAsync(client, usager, "?texte=HOPITAL")).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(cr);
        (await ListeAsync(client, usager, "?texte=recto")).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(identite);
        (await ListeAsync(client, usager, $"?du={Iso(Aujourdhui.AddDays(-15))}&au={Iso(Aujourdhui.AddDays(-5))}")).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(cr);
        // Without a title, the type in words is the title.
        (await ListeAsync(client, usager, "?type=Ordonnance")).Single().GetProperty("titre").GetString().Should().Be("Ordonnance");
        (await client.GetAsync($"/api/usagers/{usager}/documents?type=Inconnu")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // The list is a read of the record: traced once.
        var avant = (await LecturesAsync(usager)).Count;
        await ListeAsync(client, usager, "?texte=nord");
        (await LecturesAsync(usager)).Should().HaveCount(avant + 1);
    }

    [Fact]
    public async Task Un_document_retire_garde_sa_ligne_et_son_motif_et_sort_de_la_liste()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var client = await app.ClientApiAsync("secretariat.ehpad");
        var id = await DeposeAsync(client, usager, "PieceIdentite", Png(), "carte.png", "image/png");
        (await client.PostAsJsonAsync($"/api/documents/{id}/retrait", new { motif = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"/api/documents/{id}/retrait", new { motif = "Déposé dans le mauvais dossier" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync($"/api/documents/{id}/retrait", new { motif = "encore" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await ListeAsync(client, usager)).Should().BeEmpty();
        var tous = await ListeAsync(client, usager, "?retires=true");
        var retire = tous.Should().ContainSingle().Subject;
        retire.GetProperty("retire").GetBoolean().Should().BeTrue();
        retire.GetProperty("motifRetrait").GetString().Should().Be("Déposé dans le mauvais dossier");
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        (await sp.GetRequiredService<OpenDuiDbContext>().DocumentsUsagers.SingleAsync(d => d.Id == id)).Retire.Should().BeTrue();
        // Still in the history: it can be read back, and it no longer counts as the identity document.
        (await client.GetAsync($"/api/documents/{id}/contenu")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await sp.GetRequiredService<GestionDocuments>().ExisteAsync(usager, TypeDocument.PieceIdentite, CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task La_fusion_emporte_les_documents_son_annulation_les_rend_et_le_droit_d_acces_les_liste()
    {
        var conserve = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddMonths(-1));
        var doublon = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddMonths(-1));
        var ime = await app.ClientApiAsync("secretariat.ime");
        var id = await DeposeAsync(ime, doublon, "NotificationMdph", Pdf(), "notification.pdf", "application/pdf", "Notification CDAPH", Iso(Aujourdhui.AddMonths(-2)));

        // The right-of-access export is the direction's or a chef de service's.
        try { app.Compte("chef.ime"); }
        catch (KeyNotFoundException)
        {
            using var s = app.Services.CreateScope();
            await app.CompteAsync(s.ServiceProvider, "chef.ime", (Role.ChefDeService, app.Ime, null));
        }
        var export = await (await app.ClientApiAsync("chef.ime")).GetFromJsonAsync<JsonElement>($"/api/usagers/{doublon}/donnees-personnelles");
        var element = export.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("titre").GetString() == "Documents du dossier")
            .GetProperty("elements").EnumerateArray().Should().ContainSingle().Subject;
        element.GetProperty("Type").GetString().Should().Be("Notification de la MDPH");
        element.GetProperty("Titre").GetString().Should().Be("Notification CDAPH");
        element.GetProperty("Fichier").GetString().Should().Be("notification.pdf");
        element.GetProperty("Déposé par").GetString().Should().Be("Test SECRETARIAT.IME");

        var referent = await app.ClientApiAsync("referent");
        var rep = await referent.PostAsJsonAsync("/api/identitovigilance/fusions", new { usagerConserveId = conserve, usagerFusionneId = doublon, motif = "Même personne, saisie deux fois" });
        rep.StatusCode.Should().Be(HttpStatusCode.Created, await rep.Content.ReadAsStringAsync());
        var fusion = (await rep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await ListeAsync(ime, conserve)).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(id);
        // Filed under the IME: the EHPAD's secretariat does not see it on the merged record.
        (await ListeAsync(await app.ClientApiAsync("secretariat.ehpad"), conserve)).Should().BeEmpty();

        (await referent.PostAsync($"/api/identitovigilance/fusions/{fusion}/annulation", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ListeAsync(ime, doublon)).Select(d => d.GetProperty("id").GetGuid()).Should().Equal(id);
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().DocumentsUsagers.CountAsync(d => d.UsagerId == conserve)).Should().Be(0);
        var contenu = await ime.GetAsync($"/api/documents/{id}/contenu");
        contenu.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>Runs the use case as a signed-in professional, as another module's endpoint would.</summary>
    private (IServiceScope Scope, GestionDocuments Documents, OpenDuiDbContext Db) CommeProfessionnel(string login)
    {
        var scope = app.Services.CreateScope();
        var compte = app.Compte(login);
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, compte.Id.ToString()), new Claim(Revendications.NomComplet, login)], "test")),
        };
        return (scope, scope.ServiceProvider.GetRequiredService<GestionDocuments>(), scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
    }

    [Fact]
    public async Task Un_depot_prepare_non_confirme_ne_laisse_aucun_fichier_et_un_depot_confirme_garde_le_sien()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var (scope, documents, db) = CommeProfessionnel("secretariat.ehpad");
        using (scope)
        {
            Guid abandonne;
            await using (var depot = (await documents.PreparerAsync(usager, new NouveauDocument(TypeDocument.ContratSejourSigne, "Contrat", null, null), "contrat.pdf",
                new MemoryStream(Pdf()), CancellationToken.None)).Valeur!)
            {
                abandonne = depot.Id;
                File.Exists(Path.Combine(app.Dossier, depot.Id.ToString("N"))).Should().BeTrue("the file is written before the caller saves");
                // The caller's transaction fails: nothing is saved, the depot is disposed unconfirmed.
            }
            File.Exists(Path.Combine(app.Dossier, abandonne.ToString("N"))).Should().BeFalse();
            db.ChangeTracker.Clear();
            (await db.DocumentsUsagers.AnyAsync(d => d.Id == abandonne)).Should().BeFalse();

            Guid garde;
            await using (var depot = (await documents.PreparerAsync(usager, new NouveauDocument(TypeDocument.ContratSejourSigne, "Contrat", null, null), "contrat.pdf",
                new MemoryStream(Pdf()), CancellationToken.None)).Valeur!)
            {
                garde = depot.Id;
                await db.SaveChangesAsync();
                depot.Confirmer();
            }
            File.Exists(Path.Combine(app.Dossier, garde.ToString("N"))).Should().BeTrue();
            (await documents.ExisteAsync(usager, TypeDocument.ContratSejourSigne, CancellationToken.None)).Should().BeTrue();
        }
    }

    [Fact]
    public async Task A_faire_liste_la_piece_d_identite_manquante_puis_plus_apres_son_depot()
    {
        var ehpad = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-40));
        var recent = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-2));
        var ime = await AdmettreAsync("secretariat.ime", app.Ime, Aujourdhui.AddDays(-35));
        var secretariat = await app.ClientApiAsync("secretariat.ehpad");

        async Task<List<JsonElement>> AFaireAsync(HttpClient c, Guid essms, Guid usager) =>
            (await c.GetFromJsonAsync<JsonElement>($"/api/a-faire?essmsId={essms}")).GetProperty("essms").EnumerateArray()
                .Where(e => e.GetProperty("essmsId").GetGuid() == essms).SelectMany(e => e.GetProperty("lignes").EnumerateArray())
                .Select(l => l.GetProperty("echeance"))
                .Where(e => e.GetProperty("usagerId").ValueKind == JsonValueKind.String && e.GetProperty("usagerId").GetGuid() == usager
                    && e.GetProperty("categorie").GetString() == "Document").ToList();

        var avant = await AFaireAsync(secretariat, app.Ehpad, ehpad);
        avant.Select(e => e.GetProperty("quoi").GetString()).Should().BeEquivalentTo("Joindre la pièce d'identité", "Joindre l'attestation d'assurance maladie");
        avant.Should().OnlyContain(e => e.GetProperty("lien").GetString() == $"/Documents/Usager/{ehpad}");
        avant.Should().OnlyContain(e => e.GetProperty("echeance").GetString() == Iso(Aujourdhui.AddDays(-10)));
        (await AFaireAsync(secretariat, app.Ehpad, recent)).Should().BeEmpty("due in four weeks, not within the week");
        // A disability service also asks for the MDPH's notification.
        (await AFaireAsync(await app.ClientApiAsync("secretariat.ime"), app.Ime, ime)).Select(e => e.GetProperty("quoi").GetString())
            .Should().Contain("Joindre la notification de la MDPH");

        await DeposeAsync(secretariat, ehpad, "PieceIdentite", Jpeg(), "cni.jpg", "image/jpeg");
        (await AFaireAsync(secretariat, app.Ehpad, ehpad)).Select(e => e.GetProperty("quoi").GetString()).Should().Equal("Joindre l'attestation d'assurance maladie");
    }

    [Fact]
    public async Task La_page_depose_depuis_la_tablette_garde_la_saisie_en_cas_d_erreur_et_le_dossier_montre_le_document()
    {
        var usager = await AdmettreAsync("secretariat.ehpad", app.Ehpad, Aujourdhui.AddDays(-3));
        var session = await app.SessionAsync("infirmier.ehpad");
        var page = await session.GetStringAsync($"/Documents/Usager/{usager}");
        page.Should().Contain("capture=\"environment\"").And.Contain("accept=\"application/pdf,image/jpeg,image/png\"");

        MultipartFormDataContent Formulaire(string html, byte[] octets, string nom)
        {
            var f = new MultipartFormDataContent
            {
                { new StringContent(WebUtility.HtmlDecode(JetonRegex().Match(html).Groups[1].Value)), "__RequestVerificationToken" },
                { new StringContent("DirectivesAnticipees"), "Depot.Type" },
                { new StringContent("Mes directives écrites"), "Depot.Titre" },
                { new StringContent(Iso(Aujourdhui.AddDays(-5))), "Depot.DateDocument" },
            };
            var fichier = new ByteArrayContent(octets);
            fichier.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            f.Add(fichier, "Fichier", nom);
            return f;
        }

        var erreur = await session.PostAsync($"/Documents/Usager/{usager}", Formulaire(page, Encoding.UTF8.GetBytes("<html>faux</html>"), "directives.pdf"));
        erreur.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await erreur.Content.ReadAsStringAsync());
        html.Should().Contain("ni un PDF, ni une image JPEG ou PNG").And.Contain("value=\"Mes directives écrites\"").And.Contain(Iso(Aujourdhui.AddDays(-5)));
        html.Should().MatchRegex("<option value=\"DirectivesAnticipees\" selected");

        var ok = await session.PostAsync($"/Documents/Usager/{usager}", Formulaire(await erreur.Content.ReadAsStringAsync(), Pdf(), "directives.pdf"));
        ok.StatusCode.Should().Be(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var dossier = WebUtility.HtmlDecode(await session.GetStringAsync($"/Usagers/Dossier/{usager}"));
        dossier.Should().Contain("Directives anticipées").And.Contain("Mes directives écrites").And.Contain($"/Documents/Usager/{usager}");

        // Without the antiforgery token the form is refused.
        var sansJeton = new MultipartFormDataContent { { new StringContent("Autre"), "Depot.Type" } };
        (await session.PostAsync($"/Documents/Usager/{usager}", sansJeton)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")] private static partial Regex JetonRegex();
}

public sealed class ScenariosDocumentsSqlite(ApplicationDocumentsSqlite app) : ScenariosDocuments<ApplicationDocumentsSqlite>(app);

public sealed class ScenariosDocumentsPostgres(ApplicationDocumentsPostgres app) : ScenariosDocuments<ApplicationDocumentsPostgres>(app);
