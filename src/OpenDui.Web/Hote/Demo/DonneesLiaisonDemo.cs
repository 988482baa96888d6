using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Liaison;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's lettre de liaison (synthetic): an EHPAD resident who left for the hospital's emergency department last week after
/// a fall, with the lettre de sortie the nurse wrote and validated (its pre-filled part as the DUI would have taken it).
/// </summary>
internal static class DonneesLiaisonDemo
{
    public static async Task AjouterAsync(OpenDuiDbContext db, int graine)
    {
        var aleatoire = new Random(graine);
        var ehpad = await db.Essms.AsNoTracking().SingleAsync(e => e.FinessEt == "990000011");
        var infirmier = await db.Set<Professionnel>().AsNoTracking().SingleAsync(p => p.UserName == $"infirmier@{DonneesDemo.Domaine}");
        var sejours = await db.Sejours.AsNoTracking().Where(s => s.EssmsId == ehpad.Id && !s.Annule && s.DateAdmission != null && s.DateSortie == null)
            .OrderBy(s => s.DateAdmission).ThenBy(s => s.UsagerId).ToListAsync();
        if (sejours.Count == 0) return;
        var sejour = sejours[aleatoire.Next(sejours.Count)];
        var u = await db.Usagers.AsNoTracking().SingleAsync(x => x.Id == sejour.UsagerId);
        var depart = db.Aujourdhui.AddDays(-aleatoire.Next(3, 8));
        var validee = new DateTimeOffset(depart.ToDateTime(new TimeOnly(14, 20)), TimeSpan.Zero);
        var lettre = new LettreLiaison
        {
            UsagerId = u.Id, SejourId = sejour.Id, EssmsId = ehpad.Id, Sens = SensLiaison.Sortie, Statut = StatutLettre.Validee, DateMouvement = depart,
            Etablissement = "Centre hospitalier, service des urgences",
            Motif = "Chute dans la chambre vers 13 h, douleur de la hanche droite, suspicion de fracture : transfert aux urgences à la demande du médecin coordonnateur.",
            EtatSante = "Habituellement : marche avec un déambulateur et l'aide d'une personne, toilette avec aide partielle, mange seule (repas mixés).\nCe jour : ne peut plus se lever, douloureuse à la mobilisation.",
            PointsVigilance = "Risque de fausses routes : eau gélifiée.\nDésorientation en fin de journée : la rassurer, lui dire où elle est.",
            Besoins = "Prévenir sa fille avant tout examen. Prothèses dentaires et lunettes dans la trousse jointe.",
            Reprise = RepriseLiaison.VersJson([
                new SectionReprise("Identité", [$"{u.PrenomUtilise ?? u.PremierPrenom} {u.NomUtilise ?? u.NomNaissance}", $"Née le {u.DateNaissance:dd/MM/yyyy}"]),
                new SectionReprise("Séjour", [$"{ehpad.Nom} (FINESS {ehpad.FinessEt})", $"{sejour.Modalite.Libelle()}, depuis le {sejour.Debut:dd/MM/yyyy}"]),
                new SectionReprise("Traitements en cours", ["Voir le plan de traitement joint par le médecin coordonnateur."]),
                new SectionReprise("Allergies et intolérances", ["Aucune allergie connue."]),
                new SectionReprise("Directives anticipées", ["Non recueillies dans le dossier."]),
            ]),
            CreeLe = validee.AddMinutes(-25), CreeParId = infirmier.Id, CreeParNom = infirmier.NomComplet, ModifieLe = validee,
            ValideeLe = validee, ValideeParId = infirmier.Id, ValideeParNom = infirmier.NomComplet,
        };
        lettre.SerieId = lettre.Id;
        db.LettresLiaison.Add(lettre);
        db.Noter(u.Id, "LettreLiaison", $"{lettre.Titre} validée (version 1) par {infirmier.NomComplet}", ehpad.Id, "Documents", lettre.Motif, $"/Liaison/Lettre/{lettre.Id}");
        await db.SaveChangesAsync();
    }
}
