using System.Text.Json;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Bench;
using OpenDui.Web.Features.Ecrits;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Hote;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

// dotnet run -c Release --project bench/OpenDui.Bench -- generate <dossier> [--Database:Provider=Postgres --ConnectionStrings:OpenDui=...]
// dotnet run -c Release --project bench/OpenDui.Bench -- serve --urls http://127.0.0.1:5099 [same settings]
// dotnet run -c Release --project bench/OpenDui.Bench -- token <dossier> <login>
// dotnet run -c Release --project bench/OpenDui.Bench -- generate-mar <dossier> [--Bench:Bdpm=<dossier BDPM>] [same settings]   (issue 14: adds MAR to a generated organisation)
// dotnet run -c Release --project bench/OpenDui.Bench -- doses <dossier> [--Bench:Doses=30000 | --Bench:Nettoyer=true] [same settings]   (the dose scenario's pool)
var commande = args.FirstOrDefault();
var reglages = args.Where(a => a.StartsWith("--") && a.Contains('=')).ToArray();
var positionnels = args.Skip(1).Where(a => !a.StartsWith("--")).ToArray();

var builder = WebApplication.CreateBuilder(reglages.Concat(args.SkipWhile(a => a != "--urls").Take(2)).ToArray());
builder.Configuration["Securite:SecondFacteurObligatoire"] = "true";
builder.AjouterOpenDui();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// The bench talks plain HTTP on the loopback: the page session's and antiforgery cookies may travel on it (production keeps
// them HTTPS-only). Only the cookies' Secure flag changes, not the work of a request.
builder.Services.PostConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
builder.Services.PostConfigure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
if (commande is "generate" or "generate-mar" or "doses") builder.Services.AddScoped<IAuteur>(_ => new AuteurSysteme("générateur de banc d'essai"));
var app = builder.Build();

switch (commande)
{
    case "generate":
    {
        using var scope = app.Services.CreateScope();
        // --Bench:Usagers=N: a smaller organisation to check the scenarios quickly (the measured runs keep 50,000).
        await Generateur.GenererAsync(scope.ServiceProvider, positionnels[0], nbUsagers: app.Configuration.GetValue("Bench:Usagers", 50_000),
            nbEcrits: app.Configuration.GetValue("Bench:Ecrits", 5_000_000), ecritsResidents: app.Configuration.GetValue("Bench:EcritsResidents", true));
        return 0;
    }
    case "generate-mar":
    {
        using var scope = app.Services.CreateScope();
        await MarGenere.GenererAsync(scope.ServiceProvider, positionnels[0], app.Configuration["Bench:Bdpm"]);
        return 0;
    }
    case "doses":
    {
        using var scope = app.Services.CreateScope();
        if (app.Configuration.GetValue("Bench:Nettoyer", false)) await ReserveDoses.NettoyerAsync(scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>());
        else await ReserveDoses.PreparerAsync(scope.ServiceProvider, positionnels[0], app.Configuration.GetValue("Bench:Doses", 30_000));
        return 0;
    }
    case "serve":
        await app.PreparerBaseAsync();
        // A reused PostgreSQL base (BENCH_REUTILISER) gets the migrations added since it was generated, as production's
        // `migrate` would (SQLite is migrated by PreparerBaseAsync).
        using (var scope = app.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<OpenDuiDbContext>().Database.MigrateAsync();
        app.UtiliserOpenDui();
        // The reference of the ratio: one authorised single-row query through the same stack.
        app.MapGet("/api/bench/ligne", async (Guid id, OpenDuiDbContext db, CancellationToken ct) =>
                Results.Ok(await db.Essms.AsNoTracking().Where(e => e.Id == id).Select(e => e.Nom).SingleAsync(ct)))
            .RequireAuthorization(Politiques.LireDossiers);
        await app.RunAsync();
        return 0;
    case "token":
    {
        var cles = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(positionnels[0], "comptes.json")))!;
        Console.Write(Totp.Code(cles[positionnels[1]]));
        return 0;
    }
    default:
        Console.Error.WriteLine("generate <dossier> | generate-mar <dossier> | doses <dossier> | serve --urls URL | token <dossier> <login>");
        return 2;
}

namespace OpenDui.Bench
{
    /// <summary>A realistic organisation: 40 ESSMS with units, 50,000 usagers, 10 years of séjours and timeline, 5 million écrits.</summary>
    public static class Generateur
    {
        public const string MotDePasse = "Banc-d-essai-OpenDui-1";
        private static readonly string[] Categories = ["500", "500", "500", "202", "183", "182", "246", "255", "448", "449", "354", "460", "177", "214"];

        /// <summary>The residents of the nurse's unit, each with ten years of daily transmissions ("Ma journée" and the 10-year chronology).</summary>
        public const int ResidentsUnite = 40;

        /// <param name="ecritsResidents">False for a small development dataset: the 40 residents get the others' rate instead of ten years of three a day.</param>
        public static async Task GenererAsync(IServiceProvider sp, string dossier, int nbEssms = 40, int nbUsagers = 50_000, int nbEcrits = 5_000_000, bool ecritsResidents = true)
        {
            var db = sp.GetRequiredService<OpenDuiDbContext>();
            await db.Database.EnsureDeletedAsync();
            await db.Database.MigrateAsync();
            await Nomenclature.ChargerSiVideAsync(db);
            var categories = await db.CategoriesFiness.AsNoTracking().ToDictionaryAsync(c => c.Code, ct => ct.VersReferentiel());
            var faker = new Faker("fr") { Random = new Randomizer(50_000) };
            var aujourdhui = db.Aujourdhui;

            var og = new OrganismeGestionnaire { FinessEj = "990000003", RaisonSociale = "Grappe de banc d'essai", StatutJuridiqueCode = "61" };
            var etablissements = Enumerable.Range(0, nbEssms).Select(i =>
            {
                var code = Categories[i % Categories.Length];
                var e = new Essms { Organisme = og, FinessEt = $"99{i + 1:0000000}", Nom = $"{categories[code].LibelleCourt} {faker.Address.City()}", CategorieCode = code,
                    ChampActivite = categories[code].ChampActivite!.Value, Capacite = faker.Random.Int(30, 120) };
                e.Unites.AddRange(Enumerable.Range(1, 3).Select(u => new Unite { Nom = $"Unité {u}" }));
                return e;
            }).ToList();
            // The nurse's unit in the first EHPAD: 40 long-stay residents, nobody else.
            var unite40 = new Unite { Nom = "Unité des 40" };
            etablissements[0].Unites.Add(unite40);
            db.Organismes.Add(og);
            db.Essms.AddRange(etablissements);
            await db.SaveChangesAsync();

            // Bench accounts: a grappe direction in 10 ESSMS, a nurse in the unit of 40; TOTP keys kept for the token command.
            var users = sp.GetRequiredService<UserManager<Professionnel>>();
            var cles = new Dictionary<string, string>();
            foreach (var (login, role, perimetre) in new[] { ("direction", Role.Direction, etablissements.Take(10)), ("infirmier", Role.Infirmier, etablissements.Take(1)) })
            {
                var p = new Professionnel { UserName = $"{login}@bench.invalid", Email = $"{login}@bench.invalid", Nom = login.ToUpperInvariant(), Prenom = "Banc", EmailConfirmed = true };
                if (!(await users.CreateAsync(p, MotDePasse)).Succeeded) throw new InvalidOperationException("création du compte de banc d'essai refusée");
                await users.ResetAuthenticatorKeyAsync(p);
                cles[login] = (await users.GetAuthenticatorKeyAsync(p))!;
                await users.SetTwoFactorEnabledAsync(p, true);
                db.Habilitations.AddRange(perimetre.Select(e => new Habilitation { ProfessionnelId = p.Id, Role = role, EssmsId = e.Id, UniteId = role == Role.Infirmier ? unite40.Id : null }));
            }
            await db.SaveChangesAsync();

            var usagers = new List<Usager>(nbUsagers);
            var sejours = new List<Sejour>();
            var locaux = new List<IdentifiantLocal>();
            var chronologie = new List<EvenementDossier>();
            var numeros = new Dictionary<Guid, int>();
            var dejaConnus = new HashSet<(Guid, Guid)>();
            var maintenant = db.Maintenant;
            var noms = new NomsDeFamille(faker);
            for (var i = 0; i < nbUsagers; i++)
            {
                var sexe = faker.PickRandom(Sexe.F, Sexe.M);
                var genre = sexe == Sexe.F ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male;
                var resident = i < ResidentsUnite;
                var naissance = aujourdhui.AddDays(-faker.Random.Int(resident ? 365 * 80 : 365 * 3, 365 * 100));
                // About a quarter of adult women use another name (their spouse's) in daily life.
                var nomUtilise = sexe == Sexe.F && naissance < aujourdhui.AddYears(-25) && faker.Random.Bool(0.25f) ? noms.Tirer() : null;
                var (traits, _) = TraitsIdentite.Valider(noms.Tirer(), $"{faker.Name.FirstName(genre)} {faker.Name.FirstName(genre)}", sexe.ToString(),
                    naissance, null, nomUtilise, null, aujourdhui);
                if (traits is null) { i--; continue; }
                var u = Usager.Creer(og.Id, traits, maintenant);
                if (faker.Random.Bool(0.6f)) u.ValiderParJustificatif(TypeJustificatif.CN, aujourdhui.AddDays(-faker.Random.Int(1, 3000)), aujourdhui);
                usagers.Add(u);
                // 1 to 3 séjours over 10 years, in one or two ESSMS; the last may still run.
                var debut = resident ? aujourdhui.AddDays(-3650 + i) : aujourdhui.AddDays(-faker.Random.Int(30, 3650));
                var nbSejours = resident ? 1 : faker.Random.WeightedRandom([1, 2, 3], [0.6f, 0.3f, 0.1f]);
                var essms = resident ? etablissements[0] : faker.PickRandom(etablissements);
                for (var s = 0; s < nbSejours && debut < aujourdhui; s++)
                {
                    if (s > 0 && faker.Random.Bool(0.3f)) essms = faker.PickRandom(etablissements);
                    var fin = resident || (s == nbSejours - 1 && faker.Random.Bool(0.7f)) ? (DateOnly?)null : debut.AddDays(faker.Random.Int(20, 900));
                    if (fin > aujourdhui) fin = null;
                    if (dejaConnus.Add((u.Id, essms.Id)))
                    {
                        numeros[essms.Id] = numeros.GetValueOrDefault(essms.Id) + 1;
                        locaux.Add(new IdentifiantLocal { UsagerId = u.Id, EssmsId = essms.Id, Valeur = numeros[essms.Id].ToString("D6") });
                    }
                    sejours.Add(new Sejour { UsagerId = u.Id, EssmsId = essms.Id, UniteId = resident ? unite40.Id : faker.PickRandom(essms.Unites.Where(x => x != unite40).ToList()).Id, Numero = s + 1,
                        Modalite = ModaliteAccueil.HebergementPermanent, Provenance = Provenance.Domicile, DateAdmissionPrevue = debut, DateAdmission = debut,
                        DateSortie = fin, MotifSortie = fin is null ? null : MotifSortie.RetourDomicile });
                    chronologie.Add(Evenement(u.Id, debut, "Admission", $"Admission le {debut:dd/MM/yyyy} à {essms.Nom}", essms.Id));
                    for (var k = 0; k < faker.Random.Int(2, 6); k++)
                        chronologie.Add(Evenement(u.Id, debut.AddDays(k * 30), "Observation", "Note de suivi (données de banc d'essai)", essms.Id));
                    if (fin is null) break;
                    chronologie.Add(Evenement(u.Id, fin.Value, "Sortie", $"Sortie le {fin:dd/MM/yyyy}", essms.Id));
                    debut = fin.Value.AddDays(faker.Random.Int(1, 400));
                }
            }
            foreach (var e in etablissements) e.DernierNumeroUsager = numeros.GetValueOrDefault(e.Id);
            await db.SaveChangesAsync();

            var connexion = db.Database.GetDbConnection();
            await connexion.OpenAsync();
            await using (var tx = await connexion.BeginTransactionAsync())
            {
                var insertion = new InsertionMassive(db, connexion, tx);
                await insertion.InsererAsync(usagers);
                // The words of the name search, as SaveChanges would have written them (SynchronisationMotsNoms).
                await insertion.InsererAsync(usagers.SelectMany(MotsNoms.LignesDe).ToList());
                await insertion.InsererAsync(locaux);
                await insertion.InsererAsync(sejours);
                await insertion.InsererAsync(chronologie);
                await tx.CommitAsync();
            }
            // PostgreSQL: statistics as a database in service has them (autovacuum would otherwise analyse the fresh
            // tables in the middle of the measurement). SQLite keeps none, as the product never runs ANALYZE.
            await GenererEcritsAsync(db, connexion, faker, sejours, ecritsResidents ? usagers.Take(ResidentsUnite).Select(u => u.Id).ToHashSet() : [], nbEcrits);
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");

            // Inputs of the wrk scripts: name prefixes and record ids visible to the direction account.
            var visibles = sejours.Where(s => etablissements.Take(10).Any(e => e.Id == s.EssmsId)).Select(s => s.UsagerId).Distinct().ToHashSet();
            Directory.CreateDirectory(dossier);
            // What a secretary types: the first 3 to 5 letters of a name of someone in the caller's perimeter (birth name,
            // sometimes the used name), or of a first name, or a name and the start of a first name ("martin sa").
            static string Debut(string mot, int n) => mot[..Math.Min(n, mot.Length)];
            File.WriteAllLines(Path.Combine(dossier, "prefixes.txt"), usagers.Where(u => visibles.Contains(u.Id))
                .Select(u => faker.Random.WeightedRandom([0, 1, 2, 3], [0.55f, 0.15f, 0.15f, 0.15f]) switch
                {
                    1 when u.NomUtiliseRecherche is { } nu => Debut(nu.Replace(" ", ""), faker.Random.Int(3, 5)),
                    2 => Debut(u.PremierPrenom, faker.Random.Int(3, 5)),
                    3 => $"{MotsNoms.Decouper(u.NomNaissance)[0]} {Debut(u.PremierPrenom, 2)}",
                    _ => Debut(u.NomRecherche.Replace(" ", ""), faker.Random.Int(3, 5)),
                })
                .Select(n => n.ToLowerInvariant()).Distinct().Take(2000));
            File.WriteAllLines(Path.Combine(dossier, "dossiers.txt"), usagers.Where(u => visibles.Contains(u.Id)).Select(u => u.Id.ToString()).Take(5000));
            File.WriteAllText(Path.Combine(dossier, "essms.txt"), etablissements[0].Id.ToString());
            File.WriteAllLines(Path.Combine(dossier, "residents.txt"), usagers.Take(ResidentsUnite).Select(u => u.Id.ToString()));
            File.WriteAllText(Path.Combine(dossier, "comptes.json"), JsonSerializer.Serialize(cles));
            Console.WriteLine($"{noms.Distincts} noms de famille possibles, {usagers.Select(u => u.NomRecherche).Distinct().Count()} distincts tirés.");
            Console.WriteLine($"{nbEssms} ESSMS, {usagers.Count} usagers, {sejours.Count} séjours, {locaux.Count} identifiants locaux, {chronologie.Count} évènements de chronologie.");
        }

        /// <summary>
        /// The écrits, streamed in batches of 20,000 rows, one transaction each (the SQLite FTS triggers and the PostgreSQL
        /// tsvector column index them as the product's own inserts would be).
        /// </summary>
        private static async Task GenererEcritsAsync(OpenDuiDbContext db, System.Data.Common.DbConnection connexion, Faker faker, List<Sejour> sejours,
            HashSet<Guid> residents, int nbEcrits)
        {
            var aujourdhui = db.Aujourdhui;
            static int Jours(Sejour s, DateOnly a) => (s.DateSortie ?? a).DayNumber - (s.DateAdmission ?? s.DateAdmissionPrevue).DayNumber + 1;
            var quotidiens = sejours.Where(s => residents.Contains(s.UsagerId)).Sum(s => 3L * Jours(s, aujourdhui));
            var autresJours = sejours.Where(s => !residents.Contains(s.UsagerId)).Sum(s => (long)Math.Max(0, Jours(s, aujourdhui)));
            var parJour = Math.Max(0, nbEcrits - quotidiens) / (double)Math.Max(1, autresJours);
            var generes = new EcritsGeneres(faker, aujourdhui, db.Maintenant);
            var lot = new List<Ecrit>(20_000);
            long total = 0;
            async Task ViderAsync()
            {
                await using var tx = await connexion.BeginTransactionAsync();
                await new InsertionMassive(db, connexion, tx).InsererAsync(lot);
                await tx.CommitAsync();
                total += lot.Count;
                if (total % 500_000 < lot.Count) Console.WriteLine($"{total} écrits…");
                lot.Clear();
            }
            foreach (var s in sejours)
                foreach (var e in generes.DuSejour(s, parJour, residents.Contains(s.UsagerId)))
                {
                    lot.Add(e);
                    if (lot.Count == lot.Capacity) await ViderAsync();
                }
            if (lot.Count > 0) await ViderAsync();
            Console.WriteLine($"{total} écrits ({quotidiens} pour les {residents.Count} résidents de l'unité, {parJour:0.000} par jour de séjour pour les autres).");
        }

        private static EvenementDossier Evenement(Guid usager, DateOnly jour, string type, string libelle, Guid essms) => new()
        {
            UsagerId = usager, Horodatage = new DateTimeOffset(jour.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), Type = type, Libelle = libelle, EssmsId = essms, AuteurNom = "banc d'essai",
        };
    }

    /// <summary>RFC 6238 code from a Base32 key (what an authenticator app computes).</summary>
    public static class Totp
    {
        public static string Code(string cleBase32)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            var octets = new List<byte>();
            int tampon = 0, bits = 0;
            foreach (var c in cleBase32.Replace(" ", "").TrimEnd('=').ToUpperInvariant())
            {
                tampon = (tampon << 5) | alphabet.IndexOf(c);
                bits += 5;
                if (bits >= 8) { octets.Add((byte)(tampon >> (bits - 8))); bits -= 8; }
            }
            var compteur = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
            if (BitConverter.IsLittleEndian) Array.Reverse(compteur);
            var h = System.Security.Cryptography.HMACSHA1.HashData(octets.ToArray(), compteur);
            var o = h[^1] & 0x0f;
            return (((h[o] & 0x7f) << 24 | h[o + 1] << 16 | h[o + 2] << 8 | h[o + 3]) % 1_000_000).ToString("D6");
        }
    }
}
