using OpenDui.Web.Infrastructure.Security;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// Synthetic demonstration data (Development only): one organisation with three ESSMS, accounts for each
/// kind of user, and generated usagers. FINESS numbers start with 99 (no real département), so they can never
/// be mistaken for real ones; names come from Bogus.
/// </summary>
public static class DonneesDemo
{
    public const string MotDePasse = "Demo-OpenDui-2026";
    public const string Domaine = "demo.opendui.invalid";

    public static readonly (string Login, string Nom, string Prenom, Role Role, string? Essms)[] Comptes =
    [
        ("admin", "ADMIN", "Alice", Role.Administrateur, null),
        ("dpo", "DPO", "Denis", Role.Dpo, null),
        ("identito", "VIGILANCE", "Irène", Role.ReferentIdentitovigilance, null),
        ("direction", "DIRECTION", "Dominique", Role.Direction, "*"),
        ("admission", "ACCUEIL", "Sarah", Role.Secretariat, "990000011"),
        ("infirmier", "SOIN", "Inès", Role.Infirmier, "990000011"),
        ("educateur", "EDUC", "Eric", Role.Educateur, "990000029"),
    ];

    /// <summary>
    /// The colleagues of the demo accounts, who write the team's transmissions, evaluations and projets (a unit's
    /// aide-soignant holds that unit only). They have no password: nobody signs in as them.
    /// </summary>
    public static readonly (string Login, string Nom, string Prenom, Role Role, string Essms, string? Unite)[] Equipe =
    [
        ("cadre.ehpad", "CADRE", "Béatrice", Role.ChefDeService, "990000011", null),
        ("medecin.ehpad", "COORDO", "Hélène", Role.Medecin, "990000011", null),
        ("infirmier.nuit", "VEILLE", "Paul", Role.Infirmier, "990000011", null),
        ("as.capucine", "CAPUCINE", "Léa", Role.AideSoignant, "990000011", "Unité Capucine"),
        ("as.glycine", "GLYCINE", "Nadia", Role.AideSoignant, "990000011", "Unité Glycine"),
        ("as.lilas", "LILAS", "Karim", Role.AideSoignant, "990000011", "Unité protégée Lilas"),
        ("psy.ehpad", "ECOUTE", "Sophie", Role.Psychologue, "990000011", null),
        ("chef.ime", "CHEF", "Laurent", Role.ChefDeService, "990000029", null),
        ("educatrice.ime", "ATELIER", "Julie", Role.Educateur, "990000029", null),
        ("infirmier.ime", "SANTE", "Marie", Role.Infirmier, "990000029", null),
        ("psy.ime", "PAROLE", "Thomas", Role.Psychologue, "990000029", null),
        ("idec.ssiad", "DOMICILE", "Yves", Role.Infirmier, "990000037", null),
        ("chef.ssiad", "TOURNEE", "Agnès", Role.ChefDeService, "990000037", null),
    ];

    public static async Task ChargerSiVideAsync(IServiceProvider services, ILogger log, int usagers = 80)
    {
        var db = services.GetRequiredService<OpenDuiDbContext>();
        if (await db.Organismes.AnyAsync()) return;
        var chrono = System.Diagnostics.Stopwatch.StartNew();
        await ChargerAsync(services, usagers);
        log.LogInformation("Données de démonstration chargées en {Duree} ms : comptes {Comptes}@{Domaine}, mot de passe de démonstration affiché sur la page de connexion.",
            chrono.ElapsedMilliseconds, string.Join(", ", Comptes.Select(c => c.Login)), Domaine);
    }

    public static async Task ChargerAsync(IServiceProvider services, int nombreUsagers, int graine = 20261122)
    {
        var db = services.GetRequiredService<OpenDuiDbContext>();
        var users = services.GetRequiredService<UserManager<Professionnel>>();
        await Nomenclature.ChargerSiVideAsync(db);

        var og = new OrganismeGestionnaire { FinessEj = "990000003", RaisonSociale = "Association Les Tilleuls (démonstration)", StatutJuridiqueCode = "61" };
        var ehpad = new Essms { Organisme = og, FinessEt = "990000011", Nom = "EHPAD Les Tilleuls", CategorieCode = "500", ChampActivite = Referentiel.Nomenclatures.ChampActivite.PA,
            AdresseLigne = "1 rue des Tilleuls", CodePostal = "99000", Commune = "Démoville", Capacite = 84 };
        ehpad.Unites.AddRange([new Unite { Nom = "Unité Glycine", Capacite = 42 }, new Unite { Nom = "Unité protégée Lilas", Capacite = 14 }, new Unite { Nom = "Unité Capucine", Capacite = 28 }]);
        var ime = new Essms { Organisme = og, FinessEt = "990000029", Nom = "IME Les Sources", CategorieCode = "183", ChampActivite = Referentiel.Nomenclatures.ChampActivite.PH,
            AdresseLigne = "12 chemin des Sources", CodePostal = "99000", Commune = "Démoville", Capacite = 60 };
        ime.Unites.AddRange([new Unite { Nom = "Groupe des petits", Capacite = 20 }, new Unite { Nom = "Groupe des ados", Capacite = 40 }]);
        var ssiad = new Essms { Organisme = og, FinessEt = "990000037", Nom = "SSIAD du Val", CategorieCode = "354", ChampActivite = Referentiel.Nomenclatures.ChampActivite.DOM,
            CodePostal = "99001", Commune = "Val-de-Démo", Capacite = 45 };
        db.Organismes.Add(og);
        db.Essms.AddRange(ehpad, ime, ssiad);
        await db.SaveChangesAsync();

        var etablissements = new[] { ehpad, ime, ssiad };
        foreach (var c in Comptes)
        {
            var p = new Professionnel { UserName = $"{c.Login}@{Domaine}", Email = $"{c.Login}@{Domaine}", Nom = c.Nom, Prenom = c.Prenom, EmailConfirmed = true, Profession = c.Role.Libelle() };
            var r = await users.CreateAsync(p, MotDePasse);
            if (!r.Succeeded) throw new InvalidOperationException(string.Join(", ", r.Errors.Select(e => e.Code)));
            var cibles = c.Essms switch { null => [null], "*" => etablissements.Select(e => (Essms?)e).ToArray(), var f => [etablissements.Single(e => e.FinessEt == f)] };
            foreach (var e in cibles)
                db.Habilitations.Add(new Habilitation { ProfessionnelId = p.Id, Role = c.Role, EssmsId = e?.Id });
        }
        foreach (var c in Equipe)
        {
            // Without a password nothing needs hashing: added in one save rather than one UserManager call each.
            var p = new Professionnel
            {
                UserName = $"{c.Login}@{Domaine}", Email = $"{c.Login}@{Domaine}", Nom = c.Nom, Prenom = c.Prenom, EmailConfirmed = true, Profession = c.Role.Libelle(),
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            };
            p.NormalizedUserName = users.NormalizeName(p.UserName);
            p.NormalizedEmail = users.NormalizeEmail(p.Email);
            db.Users.Add(p);
            var essms = etablissements.Single(e => e.FinessEt == c.Essms);
            db.Habilitations.Add(new Habilitation { ProfessionnelId = p.Id, Role = c.Role, EssmsId = essms.Id, UniteId = c.Unite is null ? null : essms.Unites.Single(u => u.Nom == c.Unite).Id });
        }
        await db.SaveChangesAsync();
        await AjouterUsagersAsync(db, etablissements, nombreUsagers, graine);
        await DonneesAccompagnement.AjouterAsync(db, services.GetRequiredService<TimeProvider>(), graine + 1);
        await DonneesContrats.AjouterAsync(db, graine + 2);
        await DonneesAdmissionDemo.AjouterAsync(db, services.GetRequiredService<Features.Documents.IStockageDocuments>(), graine + 3);
        await DonneesMedicamentsDemo.AjouterAsync(db, graine + 4, services.GetRequiredService<TimeProvider>());
        await DonneesSoinsDemo.AjouterAsync(db, services.GetRequiredService<TimeProvider>(), graine + 5);
        await DonneesMessagerieDemo.AjouterAsync(db, graine + 6);
        await DonneesLiaisonDemo.AjouterAsync(db, graine + 7);
    }

    public static async Task AjouterUsagersAsync(OpenDuiDbContext db, IReadOnlyList<Essms> etablissements, int nombre, int graine)
    {
        var faker = new Faker("fr") { Random = new Randomizer(graine) };
        var aujourdhui = db.Aujourdhui;
        for (var i = 0; i < nombre; i++)
        {
            var essms = etablissements[i % etablissements.Count];
            var sexe = faker.PickRandom(Sexe.F, Sexe.M);
            var age = essms.ChampActivite switch { Referentiel.Nomenclatures.ChampActivite.PA => faker.Random.Int(70, 101), Referentiel.Nomenclatures.ChampActivite.PH => faker.Random.Int(6, 20), _ => faker.Random.Int(60, 95) };
            var naissance = aujourdhui.AddYears(-age).AddDays(-faker.Random.Int(0, 364));
            var prenom1 = faker.Name.FirstName(sexe == Sexe.F ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
            var prenom2 = faker.Name.FirstName(sexe == Sexe.F ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
            var (traits, _) = TraitsIdentite.Valider(faker.Name.LastName(), $"{prenom1} {prenom2}", sexe.ToString(), naissance, null, null, null, aujourdhui);
            if (traits is null) continue;
            var u = Usager.Creer(essms.OrganismeId, traits, db.Maintenant);
            if (faker.Random.Bool(0.6f)) u.ValiderParJustificatif(faker.PickRandom(TypeJustificatif.CN, TypeJustificatif.PA), aujourdhui.AddDays(-faker.Random.Int(1, 900)), aujourdhui);
            db.Usagers.Add(u);
            var admission = aujourdhui.AddDays(-faker.Random.Int(10, 2000));
            var unite = essms.Unites.Count > 0 ? faker.PickRandom(essms.Unites) : null;
            u.IdentifiantsLocaux.Add(new IdentifiantLocal { UsagerId = u.Id, EssmsId = essms.Id, Valeur = essms.ProchainIdentifiantLocal() });
            var sorti = faker.Random.Bool(0.15f);
            u.Sejours.Add(new Sejour
            {
                UsagerId = u.Id, EssmsId = essms.Id, UniteId = unite?.Id, Numero = 1,
                Modalite = essms.ChampActivite switch { Referentiel.Nomenclatures.ChampActivite.PA => ModaliteAccueil.HebergementPermanent, Referentiel.Nomenclatures.ChampActivite.PH => ModaliteAccueil.Externat, _ => ModaliteAccueil.PriseEnChargeDomicile },
                Provenance = faker.PickRandom<Provenance>(), DateAdmissionPrevue = admission, DateAdmission = admission,
                DateSortie = sorti ? admission.AddDays(faker.Random.Int(1, 9)) : null, MotifSortie = sorti ? MotifSortie.RetourDomicile : null,
            });
            if (faker.Random.Bool(0.7f))
                u.Contacts.Add(new Contact { UsagerId = u.Id, Nom = faker.Name.LastName(), Prenom = faker.Name.FirstName(), Lien = essms.ChampActivite == Referentiel.Nomenclatures.ChampActivite.PH ? faker.PickRandom("mère", "père", "sœur", "frère", "grand-mère")
                        : faker.PickRandom("fille", "fils", "conjoint", "neveu", "voisine"),
                    Roles = RoleContact.PersonneAPrevenir | (faker.Random.Bool() ? RoleContact.PersonneDeConfiance : RoleContact.Aucun), Telephone = "06 00 00 00 00" });
            db.Noter(u.Id, "Creation", "Création du dossier (données de démonstration)", essms.Id);
            db.Noter(u.Id, "Admission", $"Admission le {admission:dd/MM/yyyy} à {essms.Nom}", essms.Id);
            // The record was opened on the day of admission: the chronology starts there, not on the day the demo was loaded.
            var ouverture = new DateTimeOffset(admission.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            foreach (var evenement in db.Chronologie.Local.Where(x => x.UsagerId == u.Id)) evenement.Horodatage = ouverture;
        }
        await db.SaveChangesAsync();
    }
}
