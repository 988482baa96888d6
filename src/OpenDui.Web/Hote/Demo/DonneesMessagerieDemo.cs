using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Messagerie;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Infrastructure.Data;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's MSSanté messaging (synthetic, no server needed to read it): the organisation's address book (a gériatre,
/// a pharmacy, a hospital's short-stay unit, a kinésithérapeute), for a few EHPAD residents a message sent with its
/// delivery and read receipts and a partner's answer filed in the record, one message about nobody known waiting in the
/// triage page, and the médecin coordonnateur's personal MSSanté address.
/// </summary>
internal static class DonneesMessagerieDemo
{
    public const string BoiteEhpad = "ehpad.tilleuls@tilleuls-demo.mssante.fr";

    private static readonly (string Nom, string Prenom, string Profession, string Adresse)[] Partenaires =
    [
        ("GERONTE", "Dr Claire", "Médecin gériatre, hôpital de jour", "claire.geronte@ch-demo.mssante.fr"),
        ("Pharmacie du Marché", "", "Pharmacie d'officine", "pharmacie.marche@pharmacien-demo.mssante.fr"),
        ("Court séjour gériatrique", "", "Service hospitalier", "court-sejour@ch-demo.mssante.fr"),
        ("MOUVEMENT", "Luc", "Masseur-kinésithérapeute", "luc.mouvement@kine-demo.mssante.fr"),
    ];

    public static async Task AjouterAsync(OpenDuiDbContext db, int graine)
    {
        var aleatoire = new Random(graine);
        var ehpad = await db.Essms.AsNoTracking().SingleAsync(e => e.FinessEt == "990000011");
        foreach (var (nom, prenom, profession, adresse) in Partenaires)
            db.PartenairesMss.Add(new PartenaireMss { Nom = nom, Prenom = prenom.Length == 0 ? null : prenom, Profession = profession, Adresse = adresse, OrganismeId = ehpad.OrganismeId });

        var medecin = await db.Set<Professionnel>().SingleAsync(p => p.UserName == $"medecin.ehpad@{DonneesDemo.Domaine}");
        medecin.AdresseMssPersonnelle = "helene.coordo@medecin-demo.mssante.fr";
        var infirmier = await db.Set<Professionnel>().AsNoTracking().SingleAsync(p => p.UserName == $"infirmier@{DonneesDemo.Domaine}");

        // The same residents for the same seed: ordered, then distinct in memory (SQL would drop the order).
        var residents = (await db.Sejours.AsNoTracking().Where(s => s.EssmsId == ehpad.Id && !s.Annule && s.DateAdmission != null && s.DateSortie == null)
            .OrderBy(s => s.DateAdmission).ThenBy(s => s.UsagerId).Select(s => s.UsagerId).ToListAsync()).Distinct().Take(4).ToList();
        var maintenant = db.Maintenant;
        var n = 0;
        foreach (var usagerId in residents)
        {
            n++;
            var (nomP, prenomP, _, adresseP) = Partenaires[(n - 1) % 2 == 0 ? 0 : 3];
            var envoye = maintenant.AddDays(-aleatoire.Next(3, 20)).AddHours(-aleatoire.Next(1, 8));
            var message = new MessageMss
            {
                UsagerId = usagerId, EssmsId = ehpad.Id, Sens = SensMessage.Envoye, Etat = EtatMessage.Envoye, MessageIdMime = $"demo-envoi-{n}@tilleuls-demo.mssante.fr",
                Boite = BoiteEhpad, Expediteur = BoiteEhpad, Destinataires = adresseP, Objet = n % 2 == 1 ? "Projet personnalisé d'accompagnement" : "Bilan de chute et reprise de la marche",
                Corps = n % 2 == 1 ? "Bonjour,\nvous trouverez ci-joint le projet personnalisé validé avec la résidente.\nBien cordialement,\nL'équipe soignante"
                    : "Bonjour,\nsuite à la chute de la semaine dernière, pouvez-vous reprendre les séances de marche ?\nMerci.",
                AvecXdm = n % 2 == 1, AccuseLectureDemande = true, CreeLe = envoye, EnvoyeLe = envoye.AddMinutes(1), AuteurId = infirmier.Id, AuteurNom = infirmier.NomComplet,
            };
            if (message.AvecXdm)
                message.Pieces.Add(new PieceMss { MessageId = message.Id, NomFichier = "projet-personnalise.pdf", TypeContenu = "application/pdf", Taille = 48_213, DansXdm = true, CodeType = "80788-3" });
            message.Accuses.Add(new AccuseMss { MessageId = message.Id, Type = TypeAccuse.Remise, De = "postmaster@ch-demo.mssante.fr", Detail = "Remis dans la boîte du destinataire.", RecuLe = envoye.AddMinutes(2), MessageIdMime = $"demo-dsn-{n}@ch-demo.mssante.fr" });
            if (n != 4)
                message.Accuses.Add(new AccuseMss { MessageId = message.Id, Type = TypeAccuse.Lecture, De = adresseP, Detail = "Affiché par le destinataire.", RecuLe = envoye.AddHours(aleatoire.Next(1, 30)), MessageIdMime = $"demo-mdn-{n}@ch-demo.mssante.fr" });
            db.MessagesMss.Add(message);
            if (n <= 2)
                db.MessagesMss.Add(new MessageMss
                {
                    UsagerId = usagerId, EssmsId = ehpad.Id, Sens = SensMessage.Recu, Etat = EtatMessage.Rattache, MessageIdMime = $"demo-reponse-{n}@ch-demo.mssante.fr",
                    Boite = BoiteEhpad, Expediteur = adresseP, Destinataires = BoiteEhpad, Objet = "RE: " + message.Objet,
                    Corps = $"Bonjour,\nbien reçu, merci. Je la verrai lors de ma prochaine visite.\n{prenomP} {nomP}".Trim(),
                    CreeLe = envoye.AddDays(1), AuteurNom = "", TraiteLe = envoye.AddDays(1),
                });
        }
        db.MessagesMss.Add(new MessageMss
        {
            EssmsId = ehpad.Id, Sens = SensMessage.Recu, Etat = EtatMessage.ATrier, MessageIdMime = "demo-inconnu-1@ch-demo.mssante.fr", Boite = BoiteEhpad,
            Expediteur = "court-sejour@ch-demo.mssante.fr", Destinataires = BoiteEhpad, Objet = "Sortie d'hospitalisation de Mme DUPRE-EXEMPLE",
            Corps = "Bonjour,\nMme Dupré-Exemple, née le 02/03/1931, regagne son domicile demain. Compte rendu à suivre.\nLe secrétariat du court séjour",
            CreeLe = maintenant.AddHours(-5), AuteurNom = "", Remarque = "Aucun dossier ne correspond à l'identité de ce message.",
        });
        await db.SaveChangesAsync();
    }
}
