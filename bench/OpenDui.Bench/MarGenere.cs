using System.Globalization;
using Bogus;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Bench;

/// <summary>
/// Issue 14's bench data, added to an organisation already generated (<c>generate-mar</c>): the real BDPM sample, and for the
/// 40 residents of the "Unité des 40" 5 to 10 prescription lines each (renewed every quarter, some stopped, some started
/// later, some "si besoin") with two years of MAR (one row per planned dose, given by a few nurses and aides-soignants),
/// and the unit's weekly pill organisers. Bulk rows through <see cref="InsertionMassive"/> (no modification trail, as the
/// rest of the bench history). The dose pool of the <c>dose</c> scenario is <see cref="ReserveDoses"/>.
/// </summary>
public static class MarGenere
{
    public const string NomUnite = "Unité des 40";
    public const int JoursHistorique = 730;

    /// <summary>A kind of prescription line as an EHPAD writes it (real CIS codes of the BDPM sample).</summary>
    private sealed record Modele(string Cis, decimal Dose, string Unite, string Moments, bool SiBesoin = false, int? Max = null, int? Intervalle = null,
        string? Motif = null, RythmeJours Rythme = RythmeJours.TousLesJours, int? TousLesN = null, JoursSemaine Jours = JoursSemaine.Aucun, bool Aide = true);

    private static readonly Modele[] Reguliers =
    [
        new("65143010", 1, "comprimé", "matin"),               // LEVOTHYROX 50 µg
        new("64755969", 1, "sachet", "midi"),                  // KARDEGIC 75 mg
        new("69622809", 1, "gélule", "matin"),                 // AMLODIPINE 10 mg
        new("68473102", 1, "comprimé", "matin;soir"),          // METFORMINE 1000 mg
        new("61471344", 1, "gélule", "matin"),                 // ESOMEPRAZOLE 20 mg
        new("61271518", 1, "comprimé", "coucher"),             // ZOPICLONE 3,75 mg
        new("63061130", 1, "sachet", "matin"),                 // MOVICOL
        new("65988086", 1, "comprimé", "matin"),               // ESCITALOPRAM 10 mg
        new("61094391", 1, "comprimé", "coucher"),             // DONEPEZIL 10 mg
        new("61859603", 0.5m, "comprimé", "matin"),            // BISOPROLOL 10 mg
        new("60519117", 1, "comprimé", "soir"),                // ATORVASTATINE 10 mg
        new("67010731", 0.4m, "ml", "soir", Aide: false),      // LOVENOX, sous-cutanée: the nurse only
        new("63489259", 1, "ampoule", "midi", Rythme: RythmeJours.TousLesNJours, TousLesN: 90), // UVEDOSE 100 000 UI
        new("63873893", 1, "comprimé", "matin"),               // PANTOPRAZOLE 20 mg
        new("67432348", 1, "sachet", "matin;soir"),            // LACTULOSE 10 g
        new("67320609", 1, "comprimé", "matin;soir"),          // RISPERIDONE 1 mg
        new("60151124", 1, "comprimé", "matin"),               // MEMANTINE 10 mg
        new("60809355", 1, "comprimé", "soir"),                // OXAZEPAM 10 mg
        new("63372551", 1, "comprimé", "soir", Rythme: RythmeJours.JoursDeLaSemaine,
            Jours: JoursSemaine.Lundi | JoursSemaine.Mercredi | JoursSemaine.Vendredi), // ALPRAZOLAM 0,25 mg, three days a week
    ];

    private static readonly Modele[] SiBesoin =
    [
        new("63368332", 1, "comprimé", "", SiBesoin: true, Max: 4, Intervalle: 360, Motif: "Douleur ou fièvre"),      // DOLIPRANE 500 mg
        new("60809355", 1, "comprimé", "", SiBesoin: true, Max: 2, Intervalle: 240, Motif: "Anxiété, agitation"),    // OXAZEPAM 10 mg
        new("67432348", 1, "sachet", "", SiBesoin: true, Max: 1, Intervalle: 1440, Motif: "Constipation (pas de selles depuis 3 jours)"), // LACTULOSE
    ];

    private static readonly (Guid Id, string Nom, bool Infirmier)[] Signataires =
    [
        .. Enumerable.Range(1, 6).Select(i => (new Guid($"00000000-0000-0000-0001-{i:000000000000}"), $"Infirmier {i} (banc)", true)),
        .. Enumerable.Range(1, 8).Select(i => (new Guid($"00000000-0000-0000-0002-{i:000000000000}"), $"Aide-soignant {i} (banc)", false)),
    ];

    private static readonly string[] Medecins = ["Dr Martin (banc)", "Dr Lefèvre (banc)", "Dr Nguyen (banc)"];

    public static async Task GenererAsync(IServiceProvider sp, string dossier, string? dossierBdpm)
    {
        var db = sp.GetRequiredService<OpenDuiDbContext>();
        var fuseau = sp.GetRequiredService<TimeProvider>().LocalTimeZone;
        var faker = new Faker("fr") { Random = new Randomizer(14) };
        var chrono = System.Diagnostics.Stopwatch.StartNew();

        if (!await db.SpecialitesBdpm.AnyAsync())
        {
            var source = dossierBdpm ?? TrouverBdpm() ?? throw new InvalidOperationException("Échantillon BDPM introuvable : passez --Bench:Bdpm=<dossier> (../shared/data/bdpm).");
            var bilan = await sp.GetRequiredService<ImportBdpm>().ImporterAsync(SourceBdpm.Dossier(source), null, CancellationToken.None);
            Console.WriteLine($"BDPM importée de {source} : {bilan.Specialites} spécialités, {bilan.Compositions} compositions ({chrono.Elapsed.TotalSeconds:0} s).");
        }
        var unite = await db.Set<Unite>().AsNoTracking().SingleAsync(u => u.Nom == NomUnite);
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UniteId == unite.Id && !s.Annule && s.DateSortie == null).ToListAsync();
        var residents = sejours.Select(s => s.UsagerId).ToList();
        Directory.CreateDirectory(dossier);
        await File.WriteAllTextAsync(Path.Combine(dossier, "unite.txt"), unite.Id.ToString());
        if (await db.Prescriptions.AnyAsync(p => residents.Contains(p.UsagerId) && p.RedigeeParNom != ReserveDoses.Marque))
        {
            Console.WriteLine("Les prescriptions et le MAR de l'unité existent déjà : rien n'est ajouté.");
            return;
        }
        var specialites = await db.SpecialitesBdpm.AsNoTracking().Where(s => s.Voies != "").ToDictionaryAsync(s => s.Cis);
        var reguliers = Reguliers.Where(m => specialites.ContainsKey(m.Cis)).ToArray();
        var siBesoin = SiBesoin.Where(m => specialites.ContainsKey(m.Cis)).ToArray();
        if (reguliers.Length < 10 || siBesoin.Length == 0) throw new InvalidOperationException("La BDPM chargée ne contient pas les spécialités du banc (échantillon ../shared/data/bdpm attendu).");

        var maintenant = db.Maintenant;
        var aujourdhui = PlanAdministration.JourLocal(maintenant, fuseau);
        var premierJour = aujourdhui.AddDays(-JoursHistorique);
        var prescriptions = new List<Prescription>();
        foreach (var s in sejours)
        {
            var debutSejour = s.DateAdmission ?? s.DateAdmissionPrevue;
            var debut = debutSejour > premierJour ? debutSejour : premierJour;
            var modeles = faker.PickRandom(reguliers, faker.Random.Int(4, 8)).ToList();
            modeles.Add(siBesoin[0]);
            if (faker.Random.Bool(0.4f)) modeles.Add(faker.PickRandom(siBesoin.Skip(1)));
            foreach (var m in modeles.DistinctBy(m => (m.Cis, m.SiBesoin)))
                prescriptions.AddRange(Ligne(faker, m, specialites[m.Cis], s, debut, aujourdhui, maintenant, fuseau));
        }

        var administrations = 0L;
        var parStatut = new Dictionary<StatutAdministration, long>();
        var dosesParSemaine = new Dictionary<DateOnly, (int Doses, HashSet<Guid> Versions)>();
        var connexion = db.Database.GetDbConnection();
        await connexion.OpenAsync();
        if (db.Database.IsSqlite())
            await using (var pragma = connexion.CreateCommand()) { pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;"; await pragma.ExecuteNonQueryAsync(); }
        await using (var tx = await connexion.BeginTransactionAsync())
        {
            await new InsertionMassive(db, connexion, tx).InsererAsync(prescriptions);
            await tx.CommitAsync();
        }
        var lot = new List<Administration>(20_000);
        async Task ViderAsync()
        {
            await using var tx = await connexion.BeginTransactionAsync();
            await new InsertionMassive(db, connexion, tx).InsererAsync(lot);
            await tx.CommitAsync();
            administrations += lot.Count;
            lot.Clear();
        }
        var parUsager = prescriptions.GroupBy(p => p.UsagerId).ToDictionary(g => g.Key, g => g.ToList());
        var voies = prescriptions.ToDictionary(p => p.Id);
        foreach (var (usager, versions) in parUsager)
        {
            var planifiables = versions.Select(PlansAdministration.Planifiable).ToList();
            for (var jour = premierJour; jour <= aujourdhui; jour = jour.AddDays(1))
            {
                var debutJour = PlanAdministration.Instant(jour, TimeOnly.MinValue, fuseau);
                var finJour = PlanAdministration.Instant(jour.AddDays(1), TimeOnly.MinValue, fuseau);
                var actives = planifiables.Where(p => p.Debut < finJour && (p.Fin is null || p.Fin >= debutJour)).ToList();
                var lundi = jour.AddDays(-(((int)jour.DayOfWeek + 6) % 7));
                foreach (var d in PlanAdministration.Doses(actives, jour, fuseau))
                {
                    if (!dosesParSemaine.TryGetValue(lundi, out var semaine)) dosesParSemaine[lundi] = semaine = (0, []);
                    dosesParSemaine[lundi] = (semaine.Doses + 1, semaine.Versions);
                    semaine.Versions.Add(d.VersionId);
                    // Doses still to come this round (or later today) are not recorded yet.
                    if (d.Instant > maintenant.AddMinutes(-10)) continue;
                    lot.Add(Dose(faker, voies[d.VersionId], d, maintenant));
                    parStatut[lot[^1].Statut] = parStatut.GetValueOrDefault(lot[^1].Statut) + 1;
                    if (lot.Count == lot.Capacity) await ViderAsync();
                }
                // "Si besoin": about one dose every four days, now and then two in the day, with their reason and effect.
                foreach (var p in actives.Where(p => p.SiBesoin))
                {
                    var n = faker.Random.WeightedRandom([0, 1, 2], [0.72f, 0.24f, 0.04f]);
                    for (var k = 0; k < n; k++)
                    {
                        var le = PlanAdministration.Instant(jour, new TimeOnly(k == 0 ? faker.Random.Int(7, 13) : faker.Random.Int(16, 22), faker.Random.Int(0, 59)), fuseau);
                        if (le < p.Debut || (p.Fin is { } f && le > f) || le > maintenant.AddMinutes(-10)) continue;
                        lot.Add(SiBesoinDonne(faker, voies[p.VersionId], le, maintenant));
                        parStatut[lot[^1].Statut] = parStatut.GetValueOrDefault(lot[^1].Statut) + 1;
                    }
                }
            }
        }
        if (lot.Count > 0) await ViderAsync();

        // The unit's pill organisers: prepared each Saturday for the next week by a nurse, checked by another.
        var piluliers = dosesParSemaine.Where(w => w.Key <= aujourdhui).OrderBy(w => w.Key).Select(w =>
        {
            var prepa = PlanAdministration.Instant(w.Key.AddDays(-2), new TimeOnly(faker.Random.Int(14, 16), faker.Random.Int(0, 59)), fuseau);
            var (par, verif) = (Signataires[faker.Random.Int(0, 5)], Signataires[faker.Random.Int(0, 5)]);
            if (verif.Id == par.Id) verif = Signataires[(Array.IndexOf(Signataires, par) + 1) % 6];
            return new PreparationPilulier
            {
                UniteId = unite.Id, EssmsId = unite.EssmsId, Debut = w.Key, Fin = w.Key.AddDays(6), PrepareeParId = par.Id, PrepareeParNom = par.Nom, PrepareeLe = prepa.ToUniversalTime(),
                VerifieeParId = verif.Id, VerifieeParNom = verif.Nom, VerifieeLe = prepa.AddMinutes(faker.Random.Int(30, 180)).ToUniversalTime(),
                Prescriptions = string.Join(';', w.Value.Versions.Order()), NombreDoses = w.Value.Doses, NombrePersonnes = sejours.Count,
            };
        }).ToList();
        await using (var tx = await connexion.BeginTransactionAsync())
        {
            await new InsertionMassive(db, connexion, tx).InsererAsync(piluliers);
            await tx.CommitAsync();
        }
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE \"Prescriptions\", \"Administrations\", \"PreparationsPiluliers\", \"SpecialitesBdpm\", \"CompositionsBdpm\"");

        var lignes = prescriptions.Select(p => p.LigneId).Distinct().Count();
        Console.WriteLine($"Unité « {NomUnite} » : {sejours.Count} résidents, {lignes} lignes de prescription ({prescriptions.Count(p => p.SiBesoin)} versions « si besoin »), "
            + $"{prescriptions.Count} versions ({prescriptions.Count(p => p.Statut == StatutPrescription.Active)} actives, {prescriptions.Count(p => p.Statut == StatutPrescription.Remplacee)} remplacées, "
            + $"{prescriptions.Count(p => p.Statut == StatutPrescription.Arretee)} arrêtées).");
        Console.WriteLine($"MAR : {administrations} administrations sur {JoursHistorique} jours ({string.Join(", ", parStatut.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"))}), "
            + $"{piluliers.Count} préparations de piluliers ({chrono.Elapsed.TotalSeconds:0} s).");
    }

    /// <summary>One prescription line over the period: its versions (quarterly renewals, one modification now and then), maybe stopped.</summary>
    private static IEnumerable<Prescription> Ligne(Faker faker, Modele m, SpecialiteBdpm sp, Sejour s, DateOnly debut, DateOnly aujourdhui, DateTimeOffset maintenant, TimeZoneInfo fuseau)
    {
        var jours = aujourdhui.DayNumber - debut.DayNumber;
        // Six in ten lines run from the start of the period; the others were started later.
        var depart = faker.Random.Bool(0.6f) ? debut : debut.AddDays(faker.Random.Int(0, Math.Max(0, jours - 20)));
        DateTimeOffset A(DateOnly j) => PlanAdministration.Instant(j, new TimeOnly(faker.Random.Int(9, 11), faker.Random.Int(0, 59)), fuseau).ToUniversalTime();
        var instant = A(depart);
        // A quarter of the lines are stopped (treatment ended, side effect) before today.
        DateTimeOffset? arret = faker.Random.Bool(0.25f) && aujourdhui.DayNumber - depart.DayNumber > 30
            ? A(depart.AddDays(faker.Random.Int(14, aujourdhui.DayNumber - depart.DayNumber - 1))) : null;
        var ligne = Guid.NewGuid();
        var medecin = faker.PickRandom(Medecins);
        var dose = m.Dose;
        var version = 1;
        var origine = OrigineVersion.Creation;
        while (true)
        {
            var prochaine = instant.AddDays(faker.Random.Int(84, 91));
            var derniere = prochaine > maintenant || (arret is { } a0 && prochaine >= a0);
            var p = new Prescription
            {
                LigneId = ligne, Version = version, Origine = origine, UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = s.EssmsId, Cis = sp.Cis, Libelle = sp.Denomination,
                Dose = dose, Unite = m.Unite, Voie = sp.Voies.Split(';')[0] is "intraveineuse" && sp.Voies.Contains("sous-cutanée") ? "sous-cutanée" : sp.Voies.Split(';')[0],
                Moments = m.Moments, Rythme = m.Rythme, Jours = m.Jours, IntervalleJours = m.TousLesN, Debut = instant, Fin = instant.AddDays(92),
                SiBesoin = m.SiBesoin, MotifSiBesoin = m.Motif, MaxPrisesPar24h = m.Max, IntervalleMinimalMinutes = m.Intervalle, AideALaPriseAutorisee = m.Aide,
                RedigeeLe = instant, RedigeeParId = Guid.Empty, RedigeeParNom = medecin, PrescripteurNom = medecin, ValideeLe = instant.AddHours(3), ValideeParNom = "Pharmacien (banc)",
                Statut = StatutPrescription.Active,
            };
            if (!derniere)
            {
                p.Statut = StatutPrescription.Remplacee;
                p.RemplaceeLe = prochaine;
            }
            else if (arret is { } a)
            {
                p.Statut = StatutPrescription.Arretee;
                p.ArreteeLe = a;
                p.ArreteeParNom = medecin;
                p.MotifArret = faker.PickRandom("Fin du traitement", "Effet indésirable (somnolence)", "Plus d'indication", "Remplacé par un autre traitement");
            }
            yield return p;
            if (derniere) yield break;
            instant = prochaine;
            version++;
            // One renewal in ten changes the dose (a modification by the médecin).
            origine = faker.Random.Bool(0.1f) ? OrigineVersion.Modification : OrigineVersion.Renouvellement;
            if (origine == OrigineVersion.Modification && !m.SiBesoin) dose = dose == m.Dose ? m.Dose * 2 : m.Dose;
        }
    }

    private static readonly (StatutAdministration Statut, string? Motif)[] Issues =
    [
        (StatutAdministration.Refusee, "Refuse de prendre, recrache le comprimé"), (StatutAdministration.NonDonnee, "Endormie, non réveillée"),
        (StatutAdministration.NonDonnee, "Vomissements"), (StatutAdministration.Absent, "Hospitalisée"), (StatutAdministration.Absent, "Sortie en famille"),
        (StatutAdministration.Suspendue, "Suspendu par le médecin jusqu'au prochain bilan"),
    ];

    private static Administration Dose(Faker faker, Prescription p, DosePlanifiee d, DateTimeOffset maintenant)
    {
        var issue = faker.Random.WeightedRandom([-1, 0, 1, 2, 3, 4, 5], [0.93f, 0.03f, 0.01f, 0.005f, 0.01f, 0.005f, 0.01f]);
        var (statut, motif) = issue < 0 ? (StatutAdministration.Donnee, null) : Issues[issue];
        var injectable = ReglesAdministration.Fichier.EstInjectable(p.Voie);
        var aide = !injectable && p.AideALaPriseAutorisee && faker.Random.Bool(0.45f);
        var par = aide ? Signataires[faker.Random.Int(6, Signataires.Length - 1)] : Signataires[faker.Random.Int(0, 5)];
        var le = d.Instant.AddMinutes(faker.Random.Int(-20, 45));
        if (le > maintenant) le = maintenant;
        le = le.ToUniversalTime();
        return new Administration
        {
            PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = p.UsagerId, EssmsId = p.EssmsId, CleDose = d.Cle, PrevueLe = d.Instant.ToUniversalTime(), SiBesoin = false,
            Statut = statut, Motif = motif, Le = le, LeTicks = le.UtcTicks, EnregistreeLe = le.AddSeconds(faker.Random.Int(5, 300)), ParId = par.Id, ParNom = par.Nom,
            AideALaPrise = aide, CleIdempotence = Guid.NewGuid(), Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
        };
    }

    private static Administration SiBesoinDonne(Faker faker, Prescription p, DateTimeOffset le, DateTimeOffset maintenant)
    {
        var par = Signataires[faker.Random.Int(0, 5)];
        le = le.ToUniversalTime();
        var effetLe = le.AddMinutes(faker.Random.Int(45, 120));
        var effet = effetLe < maintenant && faker.Random.Bool(0.8f) ? faker.Random.WeightedRandom([EffetSiBesoin.Efficace, EffetSiBesoin.Partiellement, EffetSiBesoin.Inefficace], [0.7f, 0.2f, 0.1f]) : (EffetSiBesoin?)null;
        return new Administration
        {
            PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = p.UsagerId, EssmsId = p.EssmsId, SiBesoin = true, Statut = StatutAdministration.Donnee,
            Motif = faker.PickRandom("Douleur au genou (EVA 5)", "Céphalées", "Fièvre 38,4 °C", "Agitation en fin de journée", "Anxiété avant la toilette", "Pas de selles depuis 3 jours"),
            Le = le, LeTicks = le.UtcTicks, EnregistreeLe = le.AddSeconds(faker.Random.Int(5, 300)), ParId = par.Id, ParNom = par.Nom, CleIdempotence = Guid.NewGuid(),
            Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
            Effet = effet, NoteEffet = effet is null ? null : "Réévalué une heure après", EffetLe = effet is null ? null : effetLe, EffetParNom = effet is null ? null : Signataires[faker.Random.Int(0, 5)].Nom,
        };
    }

    /// <summary>The BDPM sample of the shared folder, from the repository's root or a worktree beside it.</summary>
    private static string? TrouverBdpm() =>
        new[] { "../shared/data/bdpm", "../../shared/data/bdpm", "/work/wt/shared/data/bdpm" }.Select(Path.GetFullPath)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, SourceBdpm.Specialites)));
}

/// <summary>
/// The pool of the <c>dose</c> scenario: every request records a distinct planned dose, due within the last 23 hours, never
/// recorded. The unit's own plan gives about 400 doses a day, far from the ~20,000 a 35-second run posts, so the pool is a
/// set of bench prescription lines on the 40 residents (<see cref="Marque"/>), each with 33 exact hours of the day, valid from
/// 23 hours ago to now. They are created right before the scenario (relative to that moment) and removed after it, with the
/// doses recorded on them, so the round and later runs never see them.
/// </summary>
public static class ReserveDoses
{
    public const string Marque = "Banc d'essai : réserve de doses";
    private const string Cis = "63368332"; // DOLIPRANE 500 mg, comprimé

    public static async Task<int> NettoyerAsync(OpenDuiDbContext db)
    {
        var ids = await db.Prescriptions.Where(p => p.RedigeeParNom == Marque).Select(p => p.Id).ToListAsync();
        var administrations = 0;
        foreach (var groupe in ids.Chunk(500))
            administrations += await db.Administrations.Where(a => groupe.Contains(a.PrescriptionId)).ExecuteDeleteAsync();
        await db.Prescriptions.Where(p => p.RedigeeParNom == Marque).ExecuteDeleteAsync();
        Console.WriteLine($"Réserve de doses retirée : {ids.Count} prescriptions, {administrations} doses enregistrées dessus.");
        return ids.Count;
    }

    public static async Task PreparerAsync(IServiceProvider sp, string dossier, int nombre)
    {
        var db = sp.GetRequiredService<OpenDuiDbContext>();
        var fuseau = sp.GetRequiredService<TimeProvider>().LocalTimeZone;
        await NettoyerAsync(db);
        var unite = await db.Set<Unite>().AsNoTracking().SingleAsync(u => u.Nom == MarGenere.NomUnite);
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.UniteId == unite.Id && !s.Annule && s.DateSortie == null).ToListAsync();
        var sp0 = await db.SpecialitesBdpm.AsNoTracking().SingleAsync(s => s.Cis == Cis);
        var maintenant = db.Maintenant;
        var debut = maintenant.AddHours(-23);
        const int parPrescription = 33; // 33 "HH:mm;" fit the 200 characters of Moments
        var parResident = (int)Math.Ceiling(nombre / (double)sejours.Count / (parPrescription * 23 / 24.0));
        var prescriptions = new List<Prescription>();
        foreach (var s in sejours)
            for (var k = 0; k < parResident; k++)
            {
                // Distinct minutes of the day within a line (43 × 32 < 1440), shifted from line to line.
                var moments = Enumerable.Range(0, parPrescription).Select(j => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes((j * 43 + k * 7 + 1) % 1440)))
                    .Select(h => h.ToString("HH:mm", CultureInfo.InvariantCulture));
                prescriptions.Add(new Prescription
                {
                    LigneId = Guid.NewGuid(), UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = s.EssmsId, Cis = sp0.Cis, Libelle = sp0.Denomination, Dose = 1, Unite = "comprimé",
                    Voie = "orale", Moments = string.Join(';', moments), Debut = debut.ToUniversalTime(), Fin = maintenant.ToUniversalTime(), RedigeeLe = debut.ToUniversalTime(),
                    RedigeeParId = Guid.Empty, RedigeeParNom = Marque, PrescripteurNom = Marque, Statut = StatutPrescription.Active, AideALaPriseAutorisee = true,
                });
            }
        var connexion = db.Database.GetDbConnection();
        await connexion.OpenAsync();
        await using (var tx = await connexion.BeginTransactionAsync())
        {
            await new InsertionMassive(db, connexion, tx).InsererAsync(prescriptions);
            await tx.CommitAsync();
        }
        var jours = new[] { PlanAdministration.JourLocal(debut, fuseau), PlanAdministration.JourLocal(maintenant, fuseau) }.Distinct();
        var doses = jours.SelectMany(j => PlanAdministration.Doses(prescriptions.Select(PlansAdministration.Planifiable), j, fuseau))
            .Where(d => d.Instant <= maintenant).ToList();
        var hasard = new Random(14);
        var lignes = doses.Select(d => $"{d.Cle}\t{d.Instant.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}").OrderBy(_ => hasard.Next()).ToList();
        await File.WriteAllLinesAsync(Path.Combine(dossier, "doses.txt"), lignes);
        Console.WriteLine($"Réserve de doses : {prescriptions.Count} prescriptions de banc sur {sejours.Count} résidents, {lignes.Count} doses prévues dans les 23 dernières heures (doses.txt).");
    }
}
