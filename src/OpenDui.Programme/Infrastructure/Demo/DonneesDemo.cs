using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenDui.Programme.Features;
using OpenDui.Programme.Features.Candidatures;
using OpenDui.Programme.Features.Enveloppes;
using OpenDui.Programme.Infrastructure.Data;
using OpenDui.Programme.Infrastructure.Securite;
using OpenDui.Programme.Regles;
using OpenDui.Referentiel.Nomenclatures;

namespace OpenDui.Programme.Infrastructure.Demo;

/// <summary>
/// Synthetic demonstration data (Development only, or the seed-demo command): the 2025 campaign, an envelope and
/// an instructor per ARS, the CNSA and DNS, and a few hundred projects at every stage. Every organisation is
/// named "(démonstration)"; FINESS numbers are made up (real départements, "99" after them).
/// </summary>
public static class DonneesDemo
{
    public const string Domaine = "demo.programme.invalid";
    public const string MotDePasse = "Demo-Programme-2026";

    public sealed record Compte(string Email, string Prenom, string Nom, Profil Profil, string? Region = null);

    public static IEnumerable<Compte> Comptes =>
        new[]
        {
            new Compte($"admin@{Domaine}", "Alex", "Admin", Profil.Administrateur),
            new Compte($"cnsa@{Domaine}", "Camille", "Cnsa", Profil.Cnsa),
            new Compte($"dns@{Domaine}", "Dominique", "Dns", Profil.Dns),
            new Compte($"porteur@{Domaine}", "Paule", "Porteur", Profil.Porteur),
        }.Concat(Referentiels.Courant.Regions.Keys.Order().Select(r => new Compte($"ars-{r}@{Domaine}", "Instructeur", "ARS " + r, Profil.InstructeurArs, r)));

    public static async Task ChargerSiVideAsync(IServiceProvider sp, ILogger log)
    {
        var db = sp.GetRequiredService<ProgrammeDbContext>();
        if (await db.Users.AnyAsync()) return;
        await ChargerAsync(sp, 300, null);
        log.LogInformation("Données de démonstration chargées ; comptes *@{Domaine}, mot de passe {MotDePasse}.", Domaine, MotDePasse);
    }

    public static async Task ChargerAsync(IServiceProvider sp, int projets, IProgress<int>? progres)
    {
        var db = sp.GetRequiredService<ProgrammeDbContext>();
        var users = sp.GetRequiredService<UserManager<Utilisateur>>();
        var p = ParametresCampagne.Defaut2025;
        await Campagnes.AssurerAsync(db, p);
        var r = Referentiels.Courant;
        var f = new Faker("fr") { Random = new Randomizer(2025) };
        var regions = r.Regions.Keys.Order().ToList();
        var departements = r.Departements.Values.Where(d => r.Regions.ContainsKey(d.CodeRegion)).ToList();
        var categories = r.CategoriesMedicoSociales.ToList();
        var statuts = r.Statuts.Values.Where(s => s.EstEnVigueur).ToList();
        var statutsCourants = new[] { "60", "61", "62", "63", "21", "22", "73", "74", "95" }.Where(r.Statuts.ContainsKey).ToList();

        // Kept in memory too: every demo commitment goes through the budget rules against them.
        var enveloppes = regions.Select(region => new Enveloppe { Annee = 2025, RegionCode = region, Montant = r.Regions[region].EstCorseOuOutreMer ? 1_500_000 : 6_000_000 })
            .Append(new Enveloppe { Annee = 2025, RegionCode = Enveloppe.National, Montant = 12_000_000 }).ToList();
        var engagements = new List<Engagement>();
        db.Enveloppes.AddRange(enveloppes);
        // Each ARS published its provisional calendar in April; one in two kept the optional milestone of 4 April.
        var calendriers = new Dictionary<string, List<DateOnly>>();
        foreach (var (region, rang) in regions.Select((x, i) => (x, i)))
        {
            var jalons = rang % 2 == 0 ? p.JalonsDecision.ToList() : p.JalonsObligatoires().ToList();
            calendriers[region] = jalons;
            var publie = new DateTimeOffset(2025, 4, 10 + rang % 15, 9, 0, 0, TimeSpan.FromHours(2));
            var cal = new Features.Instruction.CalendrierArs { Annee = 2025, RegionCode = region, Jalons = jalons, PublieLe = publie, ModifieLe = publie, ModifiePar = "Instructeur ARS " + region };
            cal.Revisions.Add(new Features.Instruction.RevisionCalendrierArs { CalendrierId = cal.Id, Horodatage = publie, AuteurNom = cal.ModifiePar, Jalons = jalons });
            db.CalendriersArs.Add(cal);
        }

        var sequence = 0;
        var finessUtilises = new HashSet<string>();
        string NouveauFiness(string dep)
        {
            string v;
            do v = dep.Length == 3 ? $"{dep}9{f.Random.Number(0, 99999):00000}" : $"{dep}99{f.Random.Number(0, 99999):00000}";
            while (!finessUtilises.Add(v));
            return v;
        }
        Porteur? premier = null;
        for (var i = 0; i < projets; i++)
        {
            var national = i % 25 == 0;
            var region = regions[f.Random.Number(0, regions.Count - 1)];
            var depsRegion = departements.Where(d => d.CodeRegion == region).ToList();
            var depPorteur = depsRegion[f.Random.Number(0, depsRegion.Count - 1)];
            var statut = statutsCourants.Count > 0 ? f.PickRandom(statutsCourants) : f.PickRandom(statuts).Code;
            var porteur = new Porteur
            {
                FinessEj = NouveauFiness(depPorteur.Code), RaisonSociale = $"{f.PickRandom("Association", "Fondation", "Groupement", "CCAS de", "Mutualité")} {f.Address.City()} (démonstration)",
                StatutJuridiqueCode = statut, RegionCode = region,
            };
            premier ??= porteur;
            db.Porteurs.Add(porteur);
            var seuil = r.Regions[region].EstCorseOuOutreMer ? p.SeuilGrappeCorseOutreMer : p.SeuilGrappe;
            var nombre = national ? f.Random.Number(50, 90) : f.Random.Number(seuil, 45);
            var type = f.Random.WeightedRandom([TypeProjet.Acquisition, TypeProjet.MonteeDeVersion, TypeProjet.Mixte], [0.45f, 0.4f, 0.15f]);
            var c = new Candidature
            {
                Reference = $"ESMS-2025-{++sequence:00000}", Annee = 2025, PorteurId = porteur.Id, Porteur = porteur,
                Intitule = $"DUI {f.PickRandom("partagé", "commun", "mutualisé", "de la grappe")} {f.Address.City()}", Type = type,
                Logiciel = f.PickRandom("Logiciel A (démonstration)", "Logiciel B (démonstration)", "Logiciel C (démonstration)"),
                Editeur = "Éditeur fictif", ChangementLogiciel = type != TypeProjet.MonteeDeVersion,
                DebutPrevu = new DateOnly(2025, 9, 1), FinDeploiementPrevue = new DateOnly(2026, type == TypeProjet.MonteeDeVersion ? 5 : 12, 31),
                CreeeLe = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero).AddDays(f.Random.Number(0, 150)),
            };
            for (var k = 0; k < nombre; k++)
            {
                var dep = national && k % 2 == 1 ? f.PickRandom(departements) : f.PickRandom(depsRegion);
                var cat = f.PickRandom(categories);
                c.Essms.Add(new EssmsCandidature
                {
                    CandidatureId = c.Id, FinessEt = NouveauFiness(dep.Code), Nom = $"{cat.LibelleCourt} {f.Address.City()} (démonstration)", CategorieCode = cat.Code,
                    FinessEj = f.Random.Bool(0.6f) ? porteur.FinessEj : null, StatutJuridiqueCode = f.Random.Bool(0.7f) ? statut : f.PickRandom(statuts).Code,
                    DepartementCode = dep.Code, RegionCode = dep.CodeRegion, SousAutoriteCd = cat.ChampActivite is ChampActivite.PDE or ChampActivite.AHI,
                    EtablissementsDeLEj = f.Random.WeightedRandom([5, 25, 80], [0.5f, 0.35f, 0.15f]),
                    DevisInfrastructure = f.Random.Bool(0.3f) ? f.Random.Number(2, 12) * 1000 : 0,
                });
            }
            c.Essms = c.Essms.OrderBy(e => e.FinessEt).ToList();
            var simulation = c.Calculer(p, r);
            Avancer(c, f, p, db, c.RegionInstructrice is { } ri ? calendriers[ri] : p.JalonsDecision, enveloppes, engagements);
            // A filed file carries its documents (a complete one every required document): a project in its usage phase,
            // paid its first instalment, never shows its required documents missing.
            if (c.Statut != StatutCandidature.Brouillon) JoindrePieces(c, simulation.DocumentsRequis, db);
            db.Candidatures.Add(c);
            progres?.Report(i + 1);
        }
        await db.SaveChangesAsync();

        // The funded projects of the past campaigns (2021 to 2024), as the CNSA would import them: the atlas's cumulative view.
        var passes = new List<Features.Atlas.LigneProjetImporte>();
        foreach (var annee in Enumerable.Range(2021, 4))
            for (var i = 0; i < 25 + (annee - 2021) * 10; i++)
            {
                var national = i % 12 == 0;
                var region = regions[f.Random.Number(0, regions.Count - 1)];
                var depsRegion = departements.Where(d => d.CodeRegion == region).ToList();
                var ej = NouveauFiness(f.PickRandom(depsRegion).Code);
                var reference = $"ESMS-{annee}-{i + 1:00000}";
                var type = f.PickRandom("acquisition", "montee_de_version", "mixte");
                var nombre = national ? f.Random.Number(50, 70) : f.Random.Number(r.Regions[region].EstCorseOuOutreMer ? 8 : 15, 40);
                var montant = (decimal)(nombre * f.Random.Number(9, 21) * 1000);
                var statut = annee <= 2022 ? "soldee" : f.PickRandom("en_usage", "en_deploiement", "soldee");
                var juridique = f.PickRandom(statutsCourants);
                var raison = $"{f.PickRandom("Association", "Fondation", "Groupement")} {f.Address.City()} (démonstration)";
                for (var k = 0; k < nombre; k++)
                {
                    var dep = national && k % 2 == 1 ? f.PickRandom(departements) : f.PickRandom(depsRegion);
                    passes.Add(new Features.Atlas.LigneProjetImporte(reference, annee.ToString(), national ? "national" : "regional", region, ej, raison, juridique,
                        NouveauFiness(dep.Code), f.PickRandom(categories).Code, dep.CodeRegion, type, null, montant.ToString(System.Globalization.CultureInfo.InvariantCulture), statut));
                }
            }
        var import = await sp.GetRequiredService<Features.Atlas.ImportProjets>().ImporterAsync(passes);
        if (!import.EstOk) throw new InvalidOperationException("Démonstration : import des campagnes passées refusé : " + string.Join(" ", import.Erreurs.Messages.Take(3)));

        // No second factor yet: each demo account enrols its authenticator at its first login, as a real one does.
        foreach (var compte in Comptes)
        {
            var u = new Utilisateur
            {
                UserName = compte.Email, Email = compte.Email, EmailConfirmed = true, Prenom = compte.Prenom, Nom = compte.Nom, Profil = compte.Profil,
                RegionCode = compte.Region, PorteurId = compte.Profil == Profil.Porteur ? premier?.Id : null,
            };
            var res = await users.CreateAsync(u, MotDePasse);
            if (!res.Succeeded) throw new InvalidOperationException(string.Join(" ", res.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Synthetic documents (a one-page PDF naming the document) for each required type, filed with the candidature.</summary>
    private static void JoindrePieces(Candidature c, IReadOnlyList<string> requis, ProgrammeDbContext db)
    {
        foreach (var type in requis)
        {
            var octets = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {c.Reference} : piece de demonstration\n%%EOF\n");
            var piece = new PieceCandidature
            {
                CandidatureId = c.Id, TypePiece = type, NomFichier = $"{c.Reference}-piece-{c.Pieces.Count + 1}.pdf", TypeMime = "application/pdf",
                Taille = octets.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(octets)),
                DeposeeLe = c.DeposeeLe ?? c.CreeeLe, DeposeePar = "démonstration",
            };
            c.Pieces.Add(piece);
            db.ContenusPieces.Add(new ContenuPiece { PieceId = piece.Id, Octets = octets });
        }
    }

    /// <summary>Moves a project along the programme's path to a random stage, with consistent dates and amounts.</summary>
    private static void Avancer(Candidature c, Faker f, ParametresCampagne p, ProgrammeDbContext db, IReadOnlyList<DateOnly> jalons,
        IReadOnlyList<Enveloppe> enveloppes, List<Engagement> engagements)
    {
        var stade = f.Random.WeightedRandom([0, 1, 2, 3, 4, 5, 6, 7], [0.04f, 0.06f, 0.05f, 0.08f, 0.17f, 0.25f, 0.25f, 0.10f]);
        if (stade == 0) { c.Statut = StatutCandidature.Brouillon; return; }
        // Filed on a day of the window its call gives it (national 15/02–01/06, multi-regional 15/01–01/06, regional 15/01–15/09),
        // at 10:00 in Paris, created a few days before.
        var fenetre = c.FenetreDeDepot(p);
        var jourDepot = fenetre.Ouverture.AddDays(f.Random.Number(0, fenetre.DernierJour.DayNumber - fenetre.Ouverture.DayNumber));
        var local = jourDepot.ToDateTime(new TimeOnly(10, 0));
        c.DeposeeLe = new DateTimeOffset(local, ParametresCampagne.Paris.GetUtcOffset(local)).ToUniversalTime();
        var creation = c.DeposeeLe.Value.AddDays(-f.Random.Number(5, 40));
        c.CreeeLe = creation < new DateTimeOffset(2025, 1, 2, 9, 0, 0, TimeSpan.Zero) ? new DateTimeOffset(2025, 1, 2, 9, 0, 0, TimeSpan.Zero) : creation;
        c.Statut = StatutCandidature.Deposee;
        if (stade == 1) return;
        c.Recevable = true;
        if (stade == 2) { c.Recevable = false; c.MotifRecevabilite = "Grappe incomplète au dépôt (démonstration)."; c.Statut = StatutCandidature.Irrecevable; return; }
        c.Complete = true;
        c.Statut = StatutCandidature.Instruite;
        // Decided at the first milestone at least 20 days after the filing; filed too late for the last one, it awaits.
        var jalon = jalons.FirstOrDefault(j => j > jourDepot.AddDays(20));
        if (jalon == default) return;
        c.Jalon = jalon;
        c.DecideeLe = new DateTimeOffset(jalon.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        if (stade == 3) { c.Statut = StatutCandidature.Rejetee; c.MotifDecision = "Projet non prioritaire au regard de l'équité territoriale (démonstration)."; return; }
        c.MotifDecision = "Projet conforme au cahier des charges (démonstration).";
        c.MontantAccorde = c.MontantDemande;
        c.Statut = StatutCandidature.Retenue;
        c.DesignerArsDeSuivi(null);
        // Committed like a real decision: within the envelope's available credits, else the project still awaits its decision.
        var region = c.RegionInstructrice ?? Enveloppe.National;
        try
        {
            var engagement = ReglesBudget.Engager(c, ReglesBudget.Situation(region, enveloppes, [], engagements), false, p, jalon, "démonstration");
            engagements.Add(engagement);
            db.Engagements.Add(engagement);
        }
        catch (RegleException)
        {
            (c.Statut, c.Jalon, c.DecideeLe, c.MotifDecision, c.MontantAccorde) = (StatutCandidature.Instruite, null, null, null, 0);
            return;
        }
        var jour = c.Jalon.Value;
        DateOnly Suivant() => jour = jour.AddDays(f.Random.Number(10, 60));
        if (stade == 4) return;
        c.FranchirEtape(Etape.ConventionArs, Suivant());
        c.FranchirEtape(Etape.ConventionPartenariat, Suivant());
        c.Versements[0].VerseLe = Suivant();
        if (stade == 5) return;
        c.FranchirEtape(Etape.ContratEditeur, Suivant());
        c.FranchirEtape(Etape.VerificationAptitude, Suivant());
        c.FranchirEtape(Etape.VerificationServiceRegulier, Suivant());
        c.FranchirEtape(Etape.DebutUsage, Suivant());
        if (stade == 6) return;
        c.FranchirEtape(Etape.CiblesAtteintes, new DateOnly(2026, 10, 1));
        c.Versements[1].VerseLe = new DateOnly(2026, 10, 20);
        c.MarquerSoldee();
    }
}
