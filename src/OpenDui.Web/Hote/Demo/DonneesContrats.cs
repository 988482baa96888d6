using Bogus;
using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.Contrats;
using OpenDui.Web.Features.Professionnels;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Hote.Demo;

/// <summary>
/// The demo's contracts: every current séjour admitted more than 45 days ago has its document signed (or its DIPC) and the
/// documents of L311-4 handed; the recent admissions are in every state ("À faire" has late and soon-due lines); one ESSMS has
/// updated its tariff annex ten months ago, the others not yet. Synthetic, written like the module would (text merged from the
/// default template), without going through its use case (the demo has no signed-in user).
/// </summary>
internal static class DonneesContrats
{
    public static async Task AjouterAsync(OpenDuiDbContext db, int graine)
    {
        db.ChangeTracker.Clear();
        var r = new Randomizer(graine);
        var aujourdhui = db.Aujourdhui;
        var essms = await db.Essms.AsNoTracking().ToListAsync();
        var sejours = await db.Sejours.AsNoTracking().Where(s => !s.Annule && s.DateAdmission != null && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .OrderBy(s => s.DateAdmission).ThenBy(s => s.Numero).ToListAsync();
        var usagers = await db.Usagers.AsNoTracking().Where(u => u.FusionneDansId == null).ToDictionaryAsync(u => u.Id);
        var secretariats = new Dictionary<Guid, string>();
        foreach (var e in essms)
            secretariats[e.Id] = await db.Habilitations.Where(h => h.EssmsId == e.Id && h.Role == Infrastructure.Security.Role.Secretariat)
                .Join(db.Users, h => h.ProfessionnelId, p => p.Id, (h, p) => p.Prenom + " " + p.Nom).FirstOrDefaultAsync() ?? "Secrétariat";
        var rang = 0;
        foreach (var s in sejours)
        {
            if (!usagers.TryGetValue(s.UsagerId, out var u)) continue;
            var e = essms.Single(x => x.Id == s.EssmsId);
            var admission = s.DateAdmission!.Value;
            var anciennete = aujourdhui.DayNumber - admission.DayNumber;
            var choix = RegleDocument.Choisir(new CasContrat(LignesL312.DeLaCategorie(e.CategorieCode), s.Modalite, admission, s.DateSortiePrevue,
                u.DateNaissance.AddYears(18) > admission, false));
            // Recent admissions go through the states in turn; older ones are done.
            var etat = anciennete > 45 ? 4 : rang++ % 5;
            var secretariat = secretariats[e.Id];
            if (etat >= 1)
            {
                var (titre, corps) = ChampsFusion.ParDefaut(choix.Type == TypeContrat.ContratSejour ? TypeModele.ContratSejour : TypeModele.Dipc);
                var prepare = admission.AddDays(Math.Min(anciennete, r.Int(0, 5)));
                var texte = titre + "\n\n" + ChampsFusion.Fusionner(corps, new ValeursFusion(u.NomUtilise ?? u.NomNaissance, u.PrenomUtilise ?? u.PremierPrenom,
                    u.DateNaissance, e.Nom, ChampsFusion.Adresse(e),
                    e.FinessEt, admission, s.Modalite.Libelle().ToLowerInvariant(), s.DateSortiePrevue, null, "la personne accueillie\nun proche", prepare, choix.Type, choix.Raison));
                var remis = etat >= 2 ? admission.AddDays(Math.Min(anciennete, r.Int(3, 12))) : (DateOnly?)null;
                var signe = etat >= 3 && remis is { } rm ? rm.AddDays(Math.Min(aujourdhui.DayNumber - rm.DayNumber, r.Int(0, 10))) : (DateOnly?)null;
                db.Contrats.Add(new ContratSejour
                {
                    UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = e.Id, Type = choix.Type, Raison = choix.Raison, Texte = texte,
                    Statut = signe is not null ? StatutContrat.Signe : remis is not null ? StatutContrat.Remis : StatutContrat.Prepare,
                    Participants = "la personne accueillie\nun proche", PrepareLe = new DateTimeOffset(prepare.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero),
                    PrepareParNom = secretariat, RemisLe = remis, RemisA = remis is null ? null : "la personne", SigneLe = signe, SigneParLaPersonne = signe is not null,
                    SignePourEtablissement = signe is null ? null : "La direction",
                });
            }
            if (etat >= 2)
                foreach (var d in Enum.GetValues<DocumentRemis>().Where(_ => etat >= 3 || r.Bool()))
                    db.RemisesAdmission.Add(new RemiseAdmission { UsagerId = s.UsagerId, SejourId = s.Id, EssmsId = e.Id, Document = d, RemisLe = admission, RemisParNom = secretariat });
        }
        // The first ESSMS has its own tariff annex, updated ten months ago; the others still show it to do.
        if (essms.OrderBy(e => e.FinessEt).FirstOrDefault() is { } premier)
        {
            var (titre, corps) = ChampsFusion.ParDefaut(TypeModele.AnnexeTarifaire);
            db.ModelesContrat.Add(new ModeleContrat { EssmsId = premier.Id, Type = TypeModele.AnnexeTarifaire, Titre = titre,
                Corps = corps.Replace("à compléter par l'établissement", "68,40 € par jour").Replace("à compléter.", "selon l'arrêté du département."),
                ModifieLe = db.Maintenant.AddMonths(-10), ModifieParNom = "La direction" });
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
