using Bogus;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Soins;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo EHPAD's care records and plans de soins, synthetic: for each current resident allergies (or "none known", or not asked),
/// diet and textures, three months of weights (some losing weight: undernutrition alerts), constants, pain, a fall now and then, and a
/// plan de soins with yesterday's shifts recorded (a few acts not done or refused, so that "Ma journée" has something to show).
/// Written like the module would, without its use cases (the demo has no signed-in user).
/// </summary>
internal static class DonneesSoinsDemo
{
    // No BDPM substance code here: a made-up code would mislead the medication checks; the real one is chosen from the imported BDPM.
    private static readonly (string Libelle, string? Code, TypeAllergie Type, string Reaction)[] Allergenes =
    [
        ("Amoxicilline", null, TypeAllergie.Allergie, "urticaire généralisée"),
        ("Pénicilline G", null, TypeAllergie.Allergie, "œdème du visage"),
        ("Codéine", null, TypeAllergie.Intolerance, "nausées et vomissements"),
        ("Lactose", null, TypeAllergie.Intolerance, "ballonnements"),
        ("Arachide", null, TypeAllergie.Allergie, "gêne respiratoire"),
        ("Iode (produits de contraste)", null, TypeAllergie.Allergie, "éruption cutanée"),
    ];

    public static async Task AjouterAsync(OpenDuiDbContext db, TimeProvider horloge, int graine)
    {
        db.ChangeTracker.Clear();
        var r = new Randomizer(graine);
        var aujourdhui = db.Aujourdhui;
        var maintenant = horloge.GetUtcNow();
        var ehpad = await db.Essms.AsNoTracking().Where(e => e.CategorieCode == "500").Select(e => e.Id).ToListAsync();
        var residents = await (from s in db.Sejours.AsNoTracking()
                               join u in db.Usagers.AsNoTracking() on s.UsagerId equals u.Id
                               where ehpad.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateSortie == null && u.FusionneDansId == null
                               select new { u.Id, s.EssmsId, u.DateNaissance }).ToListAsync();
        const string infirmier = "Inès SOIN";
        const string aide = "Léa CAPUCINE";
        var (jourCourant, posteCourant) = PostesDeSoins.En(horloge.GetLocalNow().DateTime);
        var (jourPrecedent, postePrecedent) = PostesDeSoins.Precedent(jourCourant, posteCourant);
        var rang = 0;
        foreach (var p in residents)
        {
            rang++;
            // Allergies: a third known, a third "none known", the others not asked yet.
            if (rang % 3 == 0)
            {
                var a = r.ArrayElement(Allergenes);
                db.Allergies.Add(new Allergie
                {
                    UsagerId = p.Id, Libelle = a.Libelle, CodeSubstance = a.Code, Type = a.Type, Reaction = a.Reaction, Severite = r.Enum<SeveriteAllergie>(),
                    Source = r.Enum<SourceAllergie>(), Statut = StatutAllergie.Active, RecueillieLe = maintenant.AddDays(-r.Int(30, 400)), RecueillieParNom = infirmier,
                });
            }
            var aucune = rang % 3 == 1;
            db.ProfilsSoins.Add(new ProfilSoins
            {
                UsagerId = p.Id, AucuneAllergieConnueLe = aucune ? maintenant.AddDays(-r.Int(30, 400)) : null, AucuneAllergieConnuePar = aucune ? infirmier : null,
                IddsiAliments = r.Bool(0.3f) ? r.Int(4, 6) : 7, IddsiBoissons = r.Bool(0.2f) ? r.Int(1, 3) : 0,
                Regime = r.ArrayElement(new[] { null, "diabétique", "sans sel strict", "hyperprotidique", "enrichi" }),
                EchelleDouleur = r.Bool(0.3f) ? EchelleDouleur.Algoplus : EchelleDouleur.Numerique, ModifieLe = maintenant.AddDays(-r.Int(1, 60)), ModifieParNom = infirmier,
            });
            if (r.Bool(0.5f))
                db.ProblemesSante.Add(new ProblemeSante
                {
                    UsagerId = p.Id, Libelle = r.ArrayElement(new[] { "Diabète de type 2", "Hypertension artérielle", "Fibrillation auriculaire", "Maladie d'Alzheimer", "Arthrose des genoux", "Insuffisance cardiaque" }),
                    Nature = NatureProbleme.ProblemeEnCours, Debut = aujourdhui.AddYears(-r.Int(1, 15)), RecueilliLe = maintenant.AddDays(-r.Int(30, 400)), RecueilliParNom = infirmier,
                });
            // Weights: monthly for three months, one resident in five losing weight.
            var taille = r.Int(148, 180);
            var poids = Math.Round((decimal)(taille - 100) * (decimal)r.Double(0.75, 1.15), 1);
            var perd = rang % 5 == 0;
            Mesure M(TypeMesure t, decimal v, DateTimeOffset le, decimal? v2 = null, EchelleDouleur? e = null) => new()
            {
                UsagerId = p.Id, EssmsId = p.EssmsId, Type = t, Valeur = v, Valeur2 = v2, Echelle = e, PriseLe = le, AuteurNom = r.Bool() ? infirmier : aide, EnregistreeLe = le,
            };
            db.Mesures.Add(M(TypeMesure.Taille, taille, maintenant.AddDays(-200)));
            for (var mois = 3; mois >= 0; mois--)
            {
                var v = perd ? poids * (1m - 0.025m * (3 - mois)) : poids + (decimal)r.Double(-0.8, 0.8);
                db.Mesures.Add(M(TypeMesure.Poids, Math.Round(v, 1), maintenant.AddDays(-30 * mois - 1).AddHours(-r.Int(0, 5))));
            }
            for (var jour = 6; jour >= 0; jour -= 3)
            {
                var le = maintenant.AddDays(-jour).AddHours(-r.Int(1, 4));
                var fievre = rang % 11 == 0 && jour == 0;
                db.Mesures.Add(M(TypeMesure.Temperature, fievre ? 38.6m : Math.Round((decimal)r.Double(36.2, 37.4), 1), le));
                db.Mesures.Add(M(TypeMesure.PressionArterielle, r.Int(110, 150), le, r.Int(60, 88)));
                db.Mesures.Add(M(TypeMesure.Pouls, r.Int(58, 96), le));
                db.Mesures.Add(M(TypeMesure.SpO2, r.Int(93, 99), le));
            }
            db.Mesures.Add(M(TypeMesure.Douleur, r.Int(0, rang % 7 == 0 ? 3 : 1), maintenant.AddHours(-r.Int(2, 20)), null, EchelleDouleur.Algoplus));
            if (rang % 6 == 0)
                db.Chutes.Add(new Chute
                {
                    UsagerId = p.Id, EssmsId = p.EssmsId, SurvenueLe = maintenant.AddDays(-r.Int(2, 90)), Lieu = r.ArrayElement(new[] { "chambre", "salle de bains", "couloir", "salle à manger" }),
                    Circonstances = r.ArrayElement(new[] { "en se levant la nuit pour aller aux toilettes", "en se retournant dans le couloir", "glissade, chaussons non tenus" }),
                    Blessure = false, Temoin = r.Bool() ? null : "aide-soignante de l'unité", Mesures = "relevé, surveillance 24 h, kinésithérapeute prévenu",
                    AuteurNom = aide, EnregistreeLe = maintenant,
                });
            // The plan de soins, with the previous shift recorded.
            var actes = new List<ActePlanifie>
            {
                Acte(p.Id, p.EssmsId, "toilette", Postes.Matin, aujourdhui, infirmier),
                Acte(p.Id, p.EssmsId, "aide-repas", Postes.Matin | Postes.ApresMidi, aujourdhui, infirmier),
            };
            if (rang % 4 == 0) actes.Add(new ActePlanifie
            {
                UsagerId = p.Id, EssmsId = p.EssmsId, CodeActe = "retournement", Libelle = ActesDeSoins.Trouver("retournement")!.Libelle, IntervalleHeures = 3,
                Precision = "matelas à air, alterner les côtés", Debut = aujourdhui.AddDays(-30), CreeLe = maintenant.AddDays(-30), CreeParNom = infirmier,
            });
            if (rang % 5 == 0) actes.Add(Acte(p.Id, p.EssmsId, "change", Postes.Matin | Postes.ApresMidi | Postes.Nuit, aujourdhui, infirmier));
            db.ActesPlanifies.AddRange(actes);
            foreach (var a in actes)
                foreach (var h in a.Echeances(jourPrecedent, postePrecedent))
                {
                    var tirage = r.Int(0, 19);
                    if (tirage == 0) continue; // forgotten: shows as "non enregistré"
                    var statut = tirage == 1 ? StatutRealisation.Refuse : tirage == 2 ? StatutRealisation.NonFait : StatutRealisation.Fait;
                    db.RealisationsActes.Add(new RealisationActe
                    {
                        UsagerId = p.Id, ActePlanifieId = a.Id, Jour = jourPrecedent, Poste = postePrecedent, Heure = h, Statut = statut,
                        Motif = statut == StatutRealisation.Refuse ? "la personne ne souhaitait pas, proposé à nouveau plus tard" : statut == StatutRealisation.NonFait ? "personne endormie" : null,
                        ParNom = aide, Le = maintenant.AddHours(-2),
                    });
                }
        }
        await db.SaveChangesAsync();
    }

    private static ActePlanifie Acte(Guid usager, Guid essms, string code, Postes postes, DateOnly aujourdhui, string par) => new()
    {
        UsagerId = usager, EssmsId = essms, CodeActe = code, Libelle = ActesDeSoins.Trouver(code)!.Libelle, Postes = postes, Jours = JoursSemaine.Tous,
        Debut = aujourdhui.AddDays(-60), CreeLe = new DateTimeOffset(aujourdhui.AddDays(-60).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), CreeParNom = par,
    };
}
