using Bogus;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Admission;
using OpenDui.Web.Features.Consentements;
using OpenDui.Web.Features.Documents;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's way in: for the people admitted more than 45 days ago, the personne de confiance information given before
/// the contract and the required documents filed (a synthetic 1-pixel scan stands for each, written through the storage
/// port); for each ESSMS a few requests for admission (one unanswered for 35 days, one under study, two on the waiting list,
/// one of them urgent) with their history. Recent admissions keep their missing pieces, so "À faire" has something to show.
/// </summary>
internal static class DonneesAdmissionDemo
{
    private static readonly byte[] Scan = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static async Task AjouterAsync(OpenDuiDbContext db, IStockageDocuments stockage, int graine)
    {
        db.ChangeTracker.Clear();
        var faker = new Faker("fr") { Random = new Randomizer(graine) };
        var aujourdhui = db.Aujourdhui;
        var essms = await db.Essms.AsNoTracking().ToListAsync();
        var sejours = await db.Sejours.AsNoTracking().Where(s => !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .OrderBy(s => s.DateAdmission).ThenBy(s => s.Numero).ToListAsync();
        var naissances = await db.Usagers.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DateNaissance);
        foreach (var s in sejours.Where(s => aujourdhui.DayNumber - s.DateAdmission!.Value.DayNumber > 45))
        {
            var admission = s.DateAdmission!.Value;
            var e = essms.Single(x => x.Id == s.EssmsId);
            if (naissances[s.UsagerId].AddYears(18) <= admission
                && !await db.InformationsPersonneDeConfiance.AnyAsync(i => i.UsagerId == s.UsagerId))
                db.InformationsPersonneDeConfiance.Add(new InformationPersonneDeConfiance
                {
                    UsagerId = s.UsagerId, Motif = MotifInformation.DonneeIci, DateInformation = admission.AddDays(-8), InformePar = "La direction",
                    AttestationSignee = true, RecueilliParNom = "Secrétariat", RecueilliLe = db.Maintenant,
                });
            var types = new List<TypeDocument> { TypeDocument.PieceIdentite, TypeDocument.AttestationAssuranceMaladie };
            if (e.ChampActivite == Referentiel.Nomenclatures.ChampActivite.PH) types.Add(TypeDocument.NotificationMdph);
            foreach (var t in types)
            {
                var d = new DocumentUsager
                {
                    UsagerId = s.UsagerId, EssmsId = s.EssmsId, Type = t, Titre = t.Libelle(), DateDocument = admission.AddDays(-3),
                    NomFichier = "scan-demonstration.png", TypeContenu = "image/png", Taille = Scan.Length,
                    Empreinte = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Scan)), CleStockage = "",
                    DeposeLe = new DateTimeOffset(admission.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), DeposeParNom = "Secrétariat",
                };
                d.CleStockage = d.Id.ToString("N");
                await stockage.EcrireAsync(d.CleStockage, new MemoryStream(Scan), CancellationToken.None);
                db.DocumentsUsagers.Add(d);
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Requests for admission, per ESSMS that houses people.
        foreach (var e in essms.Where(e => e.ChampActivite != Referentiel.Nomenclatures.ChampActivite.DOM))
        {
            var modalite = e.ChampActivite == Referentiel.Nomenclatures.ChampActivite.PH ? ModaliteAccueil.Internat : ModaliteAccueil.HebergementPermanent;
            var enfants = e.ChampActivite == Referentiel.Nomenclatures.ChampActivite.PH;
            (StatutDemande Statut, int Jours, bool Urgente, OrigineDemande Origine)[] cas =
            [
                (StatutDemande.Recue, 35, false, enfants ? OrigineDemande.NotificationMdph : OrigineDemande.ViaTrajectoire),
                (StatutDemande.EnEtude, 12, false, enfants ? OrigineDemande.Famille : OrigineDemande.Hopital),
                (StatutDemande.ListeAttente, 120, false, enfants ? OrigineDemande.NotificationMdph : OrigineDemande.ViaTrajectoire),
                (StatutDemande.ListeAttente, 60, true, enfants ? OrigineDemande.PlacementAse : OrigineDemande.Famille),
            ];
            foreach (var (statut, jours, urgente, origine) in cas)
            {
                var femme = faker.Random.Bool();
                var naissance = enfants ? aujourdhui.AddYears(-faker.Random.Int(6, 16)).AddDays(-faker.Random.Int(0, 364)) : aujourdhui.AddYears(-faker.Random.Int(76, 95)).AddDays(-faker.Random.Int(0, 364));
                var d = new DemandeAdmission
                {
                    EssmsId = e.Id, Origine = origine, Reference = origine == OrigineDemande.ViaTrajectoire ? $"VT-{faker.Random.Int(100000, 999999)}" : null,
                    Modalite = modalite, RecueLe = aujourdhui.AddDays(-jours), Urgente = urgente, Statut = statut,
                    NomNaissance = faker.Name.LastName().ToUpperInvariant(), PrenomsNaissance = faker.Name.FirstName(femme ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male),
                    Sexe = femme ? Sexe.F : Sexe.M, DateNaissance = naissance, CreeLe = db.Maintenant.AddDays(-jours),
                    Pieces = statut == StatutDemande.Recue ? "Dossier reçu, certificat médical attendu" : "Dossier complet",
                    DateDecision = statut == StatutDemande.ListeAttente ? aujourdhui.AddDays(-jours + 20) : null,
                };
                db.DemandesAdmission.Add(d);
                db.HistoriqueDemandes.Add(new HistoriqueDemande { DemandeId = d.Id, Horodatage = d.CreeLe, AuteurNom = "Secrétariat", Vers = StatutDemande.Recue });
                if (statut != StatutDemande.Recue)
                    db.HistoriqueDemandes.Add(new HistoriqueDemande { DemandeId = d.Id, Horodatage = d.CreeLe.AddDays(Math.Min(20, jours - 1)), AuteurNom = "La direction",
                        De = StatutDemande.Recue, Vers = statut, Commentaire = statut == StatutDemande.ListeAttente ? "Avis favorable de la commission, pas de place disponible" : null });
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
