using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Consentements;

/// <summary>
/// "À faire": adults of a current séjour (admitted, not exited) who have neither a personne de confiance nor the record of
/// the information about that right (CASF D311-0-4).
/// </summary>
internal sealed class SourceAFaireConsentements(OpenDuiDbContext db) : AFaire.ISourceAFaire
{
    /// <summary>Days after admission to inform the person: eight days at least before the interview preceding the contract,
    /// itself signed within a month of admission.</summary>
    public const int JoursInformation = 7;

    public async Task<IReadOnlyList<AFaire.EcheanceAFaire>> LireAsync(AFaire.DemandeAFaire demande, CancellationToken ct)
    {
        var essms = demande.Essms.ToList();
        var majeurAvant = demande.Aujourdhui.AddYears(-18);
        var admisAvant = demande.Jusquau.AddDays(-JoursInformation);
        var lignes = await (from s in db.Set<Sejours.Sejour>().AsNoTracking()
                            join u in db.Set<Usager>() on s.UsagerId equals u.Id
                            where essms.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateSortie == null && s.DateAdmission <= admisAvant
                                && u.FusionneDansId == null && u.DateNaissance <= majeurAvant
                                && !db.Set<DesignationPersonneDeConfiance>().Any(d => d.UsagerId == u.Id && d.Etat == EtatDesignation.Active)
                                && !db.Set<InformationPersonneDeConfiance>().Any(i => i.UsagerId == u.Id)
                            select new { u.Id, s.EssmsId, Admission = s.DateAdmission!.Value, Nom = (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom) })
            .ToListAsync(ct);
        return [.. lignes.Select(l => new AFaire.EcheanceAFaire(AFaire.CategorieAFaire.Remise, "Informer la personne de son droit à désigner une personne de confiance",
            l.Id, l.Nom, l.EssmsId, l.Admission.AddDays(JoursInformation), GestionConsentements.Lien(l.Id),
            "CASF D311-0-4 : l'information est donnée au moins huit jours avant l'entretien qui précède le contrat de séjour, signé dans le mois qui suit l'admission ; "
            + "elle est attestée par un document daté et signé"))];
    }
}

public sealed record PanneauConsentementsModele(ConsentementsDossier Dossier);

/// <summary>"Choix et consentements" on the record page, in the administrative area after the entourage.</summary>
internal sealed class PanneauConsentements(GestionConsentements gestion) : IPanneauDossier
{
    public const int Ordre = 500;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        new(Ordre, "/Features/Consentements/_PanneauConsentements.cshtml", new PanneauConsentementsModele(await gestion.DossierAsync(usagerId, ct)));
}
