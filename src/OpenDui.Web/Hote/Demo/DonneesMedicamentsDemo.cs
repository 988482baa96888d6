using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Medicaments;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's drug reference (the BDPM extract shipped in OpenDui.Referentiel, real specialities, imported as the operator
/// would) and the EHPAD residents' treatments, written by the EHPAD's médecin coordonnateur: usual treatments of old age
/// (levothyroxine, furosémide, apixaban, donépézil…), "si besoin" antalgics with their limits, an every-other-day laxative;
/// and the last three days of their administration record (MAR): doses given by the nurses or with the aide-soignant's help
/// where the prescription allows it, a few refused or not given with their reason, "si besoin" given with their effect.
/// </summary>
internal static class DonneesMedicamentsDemo
{
    private sealed record Modele(string Cis, decimal Dose, string Unite, string Voie, string Moments, bool SiBesoin = false, string? Motif = null,
        int? Max = null, int? Intervalle = null, int? TousLesNJours = null, int? DureeJours = null);

    // Each group holds alternatives of one therapeutic need: one resident gets at most one of each group.
    private static readonly Modele[][] Groupes =
    [
        [new("65143010", 1, "comprimé", "orale", "06:30")],                                          // LEVOTHYROX 50
        [new("60192594", 1, "comprimé", "orale", "matin"), new("62042102", 1, "gélule", "orale", "matin"), new("67728468", 1, "comprimé", "orale", "matin")],
        [new("69340279", 1, "comprimé", "orale", "08:00;20:00"), new("64755969", 1, "sachet", "orale", "midi"),
         new("60782303", 0.4m, "ml", "sous-cutanée", "20:00", DureeJours: 10)],                       // ELIQUIS, KARDEGIC, LOVENOX
        [new("64813949", 1, "comprimé", "orale", "coucher"), new("60151124", 1, "comprimé", "orale", "matin")],   // donépézil, mémantine
        [new("63472758", 1, "comprimé", "orale", "matin;soir")],                                     // METFORMINE 850
        [new("66341408", 1, "sachet", "orale", "matin", TousLesNJours: 2), new("69298346", 1, "sachet", "orale", "matin")],  // MOVICOL, FORLAX
        [new("61896199", 1, "sachet", "orale", "midi"), new("69966450", 1, "gélule", "orale", "matin")],
        [new("65988086", 1, "comprimé", "orale", "matin"), new("60642949", 0.5m, "comprimé", "orale", "coucher")],
        [new("60234100", 1, "comprimé", "orale", "", SiBesoin: true, Motif: "douleur (EVA ≥ 4) ou fièvre au-dessus de 38,5 °C", Max: 3, Intervalle: 360)],
        [new("68269975", 1, "comprimé", "orale", "", SiBesoin: true, Motif: "anxiété ou agitation, après réassurance", Max: 2, Intervalle: 240)],
    ];

    public static async Task AjouterAsync(OpenDuiDbContext db, int graine, TimeProvider? horloge = null)
    {
        await new ImportBdpm(db).ImporterAsync(new SourceBdpm(Referentiel.Nomenclatures.ExtraitBdpm.Ouvrir, "extrait BDPM de démonstration"), null, CancellationToken.None);
        db.ChangeTracker.Clear();
        var aleatoire = new Random(graine);
        var ehpad = await db.Essms.AsNoTracking().SingleAsync(e => e.FinessEt == "990000011");
        var medecin = await db.Set<Professionnel>().AsNoTracking().SingleAsync(p => p.UserName == $"medecin.ehpad@{DonneesDemo.Domaine}");
        var specialites = await db.SpecialitesBdpm.AsNoTracking().ToDictionaryAsync(s => s.Cis, s => s.Denomination);
        var aujourdhui = db.Aujourdhui;
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.EssmsId == ehpad.Id && !s.Annule && s.DateAdmission != null && s.DateSortie == null)
            .OrderBy(s => s.DateAdmission).ThenBy(s => s.UsagerId).ToListAsync();
        var maintenant = db.Maintenant;
        // A separate draw, so that the treatments stay those of the earlier demo.
        var aide = new Random(graine + 100);
        foreach (var s in sejours)
        {
            var debut = maintenant.AddDays(-Math.Min(aleatoire.Next(3, 120), aujourdhui.DayNumber - s.DateAdmission!.Value.DayNumber));
            foreach (var groupe in Groupes)
            {
                if (aleatoire.NextDouble() > 0.45) continue;
                var m = groupe[aleatoire.Next(groupe.Length)];
                db.Prescriptions.Add(new Prescription
                {
                    LigneId = Guid.NewGuid(), UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = s.EssmsId, Cis = m.Cis, Libelle = specialites[m.Cis],
                    Dose = m.Dose, Unite = m.Unite, Voie = m.Voie, Moments = m.Moments,
                    Rythme = m.TousLesNJours is null ? RythmeJours.TousLesJours : RythmeJours.TousLesNJours, IntervalleJours = m.TousLesNJours,
                    Debut = m.DureeJours is null ? debut : maintenant.AddDays(-2), Fin = m.DureeJours is { } d ? maintenant.AddDays(d - 2) : null,
                    SiBesoin = m.SiBesoin, MotifSiBesoin = m.Motif, MaxPrisesPar24h = m.Max, IntervalleMinimalMinutes = m.Intervalle,
                    AideALaPriseAutorisee = m.Voie == "orale" && aide.NextDouble() < 0.7,
                    Statut = StatutPrescription.Active, Origine = OrigineVersion.Creation, RedigeeLe = m.DureeJours is null ? debut : maintenant.AddDays(-2),
                    RedigeeParId = medecin.Id, RedigeeParNom = medecin.NomComplet, PrescripteurNom = medecin.NomComplet,
                });
            }
        }
        await db.SaveChangesAsync();
        await AjouterMarAsync(db, horloge?.LocalTimeZone ?? TimeZoneInfo.Local, new Random(graine + 200));
    }

    private static readonly string[] Refus = ["refuse, dit l'avoir déjà pris", "refuse ce matin, reproposé sans succès"];
    private static readonly string[] NonDonnees = ["à jeun pour la prise de sang", "comprimé tombé, pharmacie prévenue", "endormie profondément, à revoir avec l'infirmière"];
    private static readonly string[] MotifsSiBesoin = ["EVA 6 au lever", "douleur du genou à la marche", "fièvre 38,7 °C", "agitation en fin de journée"];

    /// <summary>The last three days of the MAR of the EHPAD's treatments, up to now.</summary>
    private static async Task AjouterMarAsync(OpenDuiDbContext db, TimeZoneInfo fuseau, Random aleatoire)
    {
        async Task<(Guid Id, string Nom)> Compte(string login)
        {
            var p = await db.Set<Professionnel>().AsNoTracking().SingleAsync(p => p.UserName == $"{login}@{DonneesDemo.Domaine}");
            return (p.Id, p.NomComplet);
        }
        var jour = await Compte("infirmier");
        var nuit = await Compte("infirmier.nuit");
        var aideSoignante = await Compte("as.capucine");
        var maintenant = db.Maintenant;
        var aujourdhui = PlanAdministration.JourLocal(maintenant, fuseau);
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => p.Statut == StatutPrescription.Active).ToListAsync();
        var planifiables = prescriptions.Select(PlansAdministration.Planifiable).ToList();
        var parId = prescriptions.ToDictionary(p => p.Id);
        for (var j = aujourdhui.AddDays(-3); j <= aujourdhui; j = j.AddDays(1))
            foreach (var d in PlanAdministration.Doses(planifiables, j, fuseau))
            {
                var le = d.Instant.AddMinutes(aleatoire.Next(-10, 40)).ToUniversalTime();
                if (le >= maintenant) continue;
                var p = parId[d.VersionId];
                var tirage = aleatoire.NextDouble();
                var (statut, motif) = tirage < 0.04 ? (StatutAdministration.Refusee, Refus[aleatoire.Next(Refus.Length)])
                    : tirage < 0.07 ? (StatutAdministration.NonDonnee, NonDonnees[aleatoire.Next(NonDonnees.Length)])
                    : (StatutAdministration.Donnee, (string?)null);
                var aideALaPrise = p.AideALaPriseAutorisee && d.Tournee == Tournee.Midi;
                var par = aideALaPrise ? aideSoignante : d.Tournee == Tournee.Coucher ? nuit : jour;
                db.Administrations.Add(Ligne(p, d.Cle, d.Instant.ToUniversalTime(), statut, motif, le, par, aideALaPrise));
            }
        // "Si besoin" given now and then, with their effect noted an hour later.
        foreach (var p in prescriptions.Where(p => p.SiBesoin))
            for (var k = 0; k < 3; k++)
            {
                if (aleatoire.NextDouble() < 0.5) continue;
                var le = maintenant.AddHours(-(k * 24 + aleatoire.Next(3, 20)));
                if (le < p.Debut) continue;
                var a = Ligne(p, null, null, StatutAdministration.Donnee, MotifsSiBesoin[aleatoire.Next(MotifsSiBesoin.Length)], le, jour, false);
                (a.Effet, a.NoteEffet, a.EffetLe, a.EffetParNom) = (aleatoire.NextDouble() < 0.7 ? EffetSiBesoin.Efficace : EffetSiBesoin.Partiellement,
                    "réévalué une heure après", le.AddHours(1), jour.Nom);
                db.Administrations.Add(a);
            }
        await db.SaveChangesAsync();
    }

    private static Administration Ligne(Prescription p, string? cle, DateTimeOffset? prevue, StatutAdministration statut, string? motif, DateTimeOffset le,
        (Guid Id, string Nom) par, bool aideALaPrise) => new()
    {
        PrescriptionId = p.Id, LigneId = p.LigneId, UsagerId = p.UsagerId, EssmsId = p.EssmsId, CleDose = cle, PrevueLe = prevue, SiBesoin = p.SiBesoin,
        Statut = statut, Motif = motif, Le = le, LeTicks = le.UtcTicks, EnregistreeLe = le, ParId = par.Id, ParNom = par.Nom, AideALaPrise = aideALaPrise,
        CleIdempotence = Guid.NewGuid(), Libelle = p.Libelle, Dose = p.Dose, Unite = p.Unite, Voie = p.Voie,
    };
}
