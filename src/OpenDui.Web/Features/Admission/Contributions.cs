using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.AFaire;
using OpenDui.Web.Features.Sejours;
using OpenDui.Web.Features.Structures;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Admission;

/// <summary>"À faire": the renewal of a decision, due six months before its end, for the people staying in the ESSMS
/// (a current séjour) or waiting for a place there (a request on its waiting list). A decision already renewed (a later
/// one of the same kind, ending later or never) is not asked again.</summary>
internal sealed class SourceAFaireOrientations(OpenDuiDbContext db) : ISourceAFaire
{
    public async Task<IReadOnlyList<EcheanceAFaire>> LireAsync(DemandeAFaire demande, CancellationToken ct)
    {
        var essms = demande.Essms;
        var presents = await db.Sejours.AsNoTracking()
            .Where(s => essms.Contains(s.EssmsId) && !s.Annule && s.DateAdmission != null && s.DateSortie == null)
            .Select(s => new { s.UsagerId, s.EssmsId }).ToListAsync(ct);
        var enAttente = await db.DemandesAdmission.AsNoTracking()
            .Where(d => essms.Contains(d.EssmsId) && d.Statut == StatutDemande.ListeAttente && d.UsagerId != null)
            .Select(d => new { UsagerId = d.UsagerId!.Value, d.EssmsId }).ToListAsync(ct);
        var personnes = presents.Concat(enAttente).Distinct().ToList();
        if (personnes.Count == 0) return [];
        var ids = personnes.Select(p => p.UsagerId).Distinct().ToList();
        // Renewal due by the last day asked: the end of validity is at most six months after it.
        var finMax = demande.Jusquau.AddMonths(Orientation.MoisAvantFin).AddDays(1);
        var orientations = await db.Orientations.AsNoTracking().Where(o => ids.Contains(o.UsagerId)).ToListAsync(ct);
        var noms = await db.Usagers.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.NomUtilise ?? u.NomNaissance) + " " + (u.PrenomUtilise ?? u.PremierPrenom), ct);
        var dues = orientations.Where(o => o.Fin is { } f && f <= finMax && o.DateRenouvellement <= demande.Jusquau
            && !orientations.Any(x => x.Id != o.Id && x.UsagerId == o.UsagerId && x.Type == o.Type && x.Debut > o.Debut && (x.Fin is null || x.Fin > o.Fin)));
        return [.. from o in dues
                   from p in personnes.Where(p => p.UsagerId == o.UsagerId)
                   select new EcheanceAFaire(CategorieAFaire.Orientation,
                       o.Type == TypeDecision.OrientationMdph ? "Demander le renouvellement de l'orientation" : $"Demander le renouvellement de la décision ({o.Type.Libelle()})",
                       o.UsagerId, noms[o.UsagerId], p.EssmsId, o.DateRenouvellement!.Value, $"/Usagers/Dossier/{o.UsagerId}",
                       $"{o.Libelle} : fin de validité le {o.Fin:dd/MM/yyyy} ; le renouvellement se demande six mois avant")];
    }
}

/// <summary>"À faire": the requests still without decision <see cref="GestionDemandes.JoursSansReponse"/> days after their reception.</summary>
internal sealed class SourceAFaireDemandes(GestionDemandes demandes) : ISourceAFaire
{
    public async Task<IReadOnlyList<EcheanceAFaire>> LireAsync(DemandeAFaire demande, CancellationToken ct) =>
        [.. (await demandes.SansReponseAsync(demande.Essms, demande.Jusquau, ct)).Select(d => new EcheanceAFaire(CategorieAFaire.Demande,
            $"Répondre à la demande d'admission ({d.Statut.Libelle().ToLowerInvariant()})",
            // A candidate without a record yet: the link goes to the request itself.
            d.UsagerId ?? Guid.Empty, d.Candidat, d.EssmsId, d.RecueLe.AddDays(GestionDemandes.JoursSansReponse), $"/Admission/Demande/{d.Id}",
            $"Reçue le {d.RecueLe:dd/MM/yyyy} : une réponse dans les {GestionDemandes.JoursSansReponse} jours"))];
}

/// <summary>The record page's decisions (orientations, aide sociale, APA, PCH), among the administrative panels.</summary>
internal sealed class PanneauOrientations(GestionOrientations orientations) : IPanneauDossier
{
    public const int Ordre = 500;

    public async Task<PanneauDossier?> LireAsync(Guid usagerId, CancellationToken ct) =>
        await orientations.PanneauAsync(usagerId, ct) is { } m ? new PanneauDossier(Ordre, "/Features/Admission/_PanneauOrientations.cshtml", m) : null;
}

/// <summary>The person's requests for admission (once linked to their record) and decisions: they follow the record in a
/// merge and go back on its undo; the right-of-access export shows them in words.</summary>
internal sealed class DonneesAdmission(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Admission";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(DemandeAdmission), typeof(Orientation)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        // A request's record is optional (no IDonneeUsager): moved here by hand, the same way.
        var demandes = await db.DemandesAdmission.Where(d => d.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var d in demandes) d.UsagerId = f.ConserveId;
        return new JsonObject
        {
            ["demandes"] = new JsonArray(demandes.Select(d => JsonValue.Create(d.Id)).ToArray<JsonNode?>()),
            ["orientations"] = await DonneesParUsager.DeplacerAsync<Orientation, Guid>(db.Orientations, f, ct),
        };
    }

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        var ids = deplaces?["demandes"]?.AsArray().Select(n => n!.GetValue<Guid>()).ToList() ?? [];
        if (ids.Count > 0)
            foreach (var d in await db.DemandesAdmission.Where(d => ids.Contains(d.Id)).ToListAsync(ct)) d.UsagerId = f.FusionneId;
        await DonneesParUsager.RendreAsync<Orientation, Guid>(db.Orientations, f, deplaces?["orientations"], ct);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var demandes = await db.DemandesAdmission.AsNoTracking().Where(d => d.UsagerId == usagerId).OrderBy(d => d.RecueLe).ToListAsync(ct);
        var ids = demandes.Select(d => d.Id).ToList();
        var historique = await db.HistoriqueDemandes.AsNoTracking().Where(h => ids.Contains(h.DemandeId)).OrderBy(h => h.Horodatage).ToListAsync(ct);
        var essmsIds = demandes.Select(d => d.EssmsId).Distinct().ToList();
        var essms = await db.Essms.AsNoTracking().Where(e => essmsIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Nom, ct);
        var orientations = await db.Orientations.AsNoTracking().Where(o => o.UsagerId == usagerId).OrderBy(o => o.Debut).ToListAsync(ct);
        return
        [
            new SectionDonnees("Demandes d'admission", demandes.Select(d => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Établissement"] = essms[d.EssmsId],
                ["Demandée par"] = d.Origine.Libelle(),
                ["Référence"] = d.Reference,
                ["Modalité d'accueil"] = d.Modalite.Libelle(),
                ["Reçue le"] = d.RecueLe.ToString("dd/MM/yyyy"),
                ["Urgente"] = d.Urgente ? "oui" : "non",
                ["Où en est la demande"] = d.Statut.Libelle(),
                ["Visite de pré-admission"] = d.DateVisite?.ToString("dd/MM/yyyy"),
                ["Entretien"] = d.DateEntretien?.ToString("dd/MM/yyyy"),
                ["Décision le"] = d.DateDecision?.ToString("dd/MM/yyyy"),
                ["Motif du refus"] = d.MotifRefus,
                ["Réorientation vers"] = d.Reorientation,
                ["Note"] = d.Note,
                ["Pièces"] = d.Pieces,
                ["Étapes"] = string.Join(" ; ", historique.Where(h => h.DemandeId == d.Id)
                    .Select(h => $"{h.Horodatage:dd/MM/yyyy} : {h.Vers.Libelle()}" + (h.Commentaire is null ? "" : $" ({h.Commentaire})"))),
            }).ToList()),
            new SectionDonnees("Orientations et décisions", orientations.Select(o => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Décision"] = o.Type.Libelle(),
                ["Accordé"] = o.Libelle,
                ["Autorité"] = o.Autorite,
                ["Numéro de la décision"] = o.NumeroDecision,
                ["Valable du"] = o.Debut.ToString("dd/MM/yyyy"),
                ["Jusqu'au"] = o.Fin?.ToString("dd/MM/yyyy"),
            }).ToList()),
        ];
    }
}
