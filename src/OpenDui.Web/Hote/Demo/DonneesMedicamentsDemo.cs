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
/// (levothyroxine, furosémide, apixaban, donépézil…), "si besoin" antalgics with their limits, an every-other-day laxative.
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

    public static async Task AjouterAsync(OpenDuiDbContext db, int graine)
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
                    Statut = StatutPrescription.Active, Origine = OrigineVersion.Creation, RedigeeLe = m.DureeJours is null ? debut : maintenant.AddDays(-2),
                    RedigeeParId = medecin.Id, RedigeeParNom = medecin.NomComplet, PrescripteurNom = medecin.NomComplet,
                });
            }
        }
        await db.SaveChangesAsync();
    }
}
