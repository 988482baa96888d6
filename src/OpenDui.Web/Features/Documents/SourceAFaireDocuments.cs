using Microsoft.EntityFrameworkCore;
using OpenDui.Referentiel.Nomenclatures;
using OpenDui.Web.Features.AFaire;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Documents;

/// <summary>
/// The documents every current séjour's record must hold, as data: <see cref="Delai"/> days after admission, for every ESSMS
/// the identity document and the health insurance certificate; for disability services (<see cref="ChampActivite.PH"/>) also
/// the MDPH's notification, the decision that orients the person there (CASF L241-6). Change the table, not the code.
/// </summary>
public static class PiecesRequises
{
    public const int Delai = 30;

    private static readonly (ChampActivite? Champ, TypeDocument Type, string Quoi, string Regle)[] Table =
    [
        (null, TypeDocument.PieceIdentite, "Joindre la pièce d'identité",
            "Pièce demandée à l'admission pour identifier la personne (identitovigilance), à joindre dans les 30 jours"),
        (null, TypeDocument.AttestationAssuranceMaladie, "Joindre l'attestation d'assurance maladie",
            "Pièce demandée à l'admission pour la prise en charge des soins, à joindre dans les 30 jours"),
        (ChampActivite.PH, TypeDocument.NotificationMdph, "Joindre la notification de la MDPH",
            "CASF L241-6 : la décision d'orientation de la CDAPH fonde l'accueil ; à joindre dans les 30 jours"),
    ];

    /// <summary>The required documents of an ESSMS of this field of activity.</summary>
    public static IEnumerable<(TypeDocument Type, string Quoi, string Regle)> Pour(ChampActivite champ) =>
        Table.Where(p => p.Champ is null || p.Champ == champ).Select(p => (p.Type, p.Quoi, p.Regle));
}

/// <summary>"À faire": the required documents (<see cref="PiecesRequises"/>) missing from the records of current séjours.</summary>
internal sealed class SourceAFaireDocuments(OpenDuiDbContext db) : ISourceAFaire
{
    public async Task<IReadOnlyList<EcheanceAFaire>> LireAsync(DemandeAFaire demande, CancellationToken ct)
    {
        var essms = demande.Essms.ToArray();
        var aujourdhui = demande.Aujourdhui;
        // Admitted, not gone, and due by the last day asked.
        var admisAvant = demande.Jusquau.AddDays(-PiecesRequises.Delai);
        var sejours = await db.Sejours.AsNoTracking()
            .Where(s => essms.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateAdmission <= admisAvant
                && (s.DateSortie == null || s.DateSortie > aujourdhui))
            .Select(s => new
            {
                s.UsagerId, s.EssmsId, s.DateAdmission, Champ = db.Set<Essms>().Where(x => x.Id == s.EssmsId).Select(x => x.ChampActivite).First(),
                Nom = db.Set<Usager>().Where(u => u.Id == s.UsagerId).Select(u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom)).First(),
            }).ToListAsync(ct);
        if (sejours.Count == 0) return [];
        var usagers = sejours.Select(s => s.UsagerId).Distinct().ToArray();
        var presents = (await db.DocumentsUsagers.AsNoTracking().Where(d => usagers.Contains(d.UsagerId) && !d.Retire)
            .Select(d => new { d.UsagerId, d.Type }).Distinct().ToListAsync(ct)).Select(d => (d.UsagerId, d.Type)).ToHashSet();
        return [.. sejours.SelectMany(s => PiecesRequises.Pour(s.Champ)
            .Where(p => !presents.Contains((s.UsagerId, p.Type)))
            .Select(p => new EcheanceAFaire(CategorieAFaire.Document, p.Quoi, s.UsagerId, s.Nom, s.EssmsId, s.DateAdmission!.Value.AddDays(PiecesRequises.Delai),
                $"/Documents/Usager/{s.UsagerId}", p.Regle)))];
    }
}
