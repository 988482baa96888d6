using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Contrats;

/// <summary>The person's contracts and what was handed to them follow their séjours in a merge and go back on its undo.</summary>
internal sealed class DonneesContrats(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Contrats";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(ContratSejour), typeof(RemiseAdmission), typeof(AvenantContrat)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["contrats"] = await DonneesParUsager.DeplacerAsync<ContratSejour, Guid>(db.Contrats, f, ct),
        ["remises"] = await DonneesParUsager.DeplacerAsync<RemiseAdmission, Guid>(db.RemisesAdmission, f, ct),
        ["avenants"] = await DonneesParUsager.DeplacerAsync<AvenantContrat, Guid>(db.AvenantsContrat, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        await DonneesParUsager.RendreAsync<ContratSejour, Guid>(db.Contrats, f, deplaces?["contrats"], ct);
        await DonneesParUsager.RendreAsync<RemiseAdmission, Guid>(db.RemisesAdmission, f, deplaces?["remises"], ct);
        await DonneesParUsager.RendreAsync<AvenantContrat, Guid>(db.AvenantsContrat, f, deplaces?["avenants"], ct);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var contrats = await db.Contrats.AsNoTracking().Where(c => c.UsagerId == usagerId).OrderBy(c => c.PrepareLe).ToListAsync(ct);
        var remises = await db.RemisesAdmission.AsNoTracking().Where(r => r.UsagerId == usagerId).OrderBy(r => r.RemisLe).ToListAsync(ct);
        var avenants = await db.AvenantsContrat.AsNoTracking().Where(a => a.UsagerId == usagerId).OrderBy(a => a.EtabliLe).ToListAsync(ct);
        return
        [
            new SectionDonnees("Contrats de séjour et documents individuels de prise en charge", contrats.Select(c => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Document"] = c.Type.Titre(),
                ["Pourquoi ce document"] = c.Raison,
                ["État"] = c.Statut.Libelle(),
                ["Établi le"] = c.PrepareLe.ToString("dd/MM/yyyy"),
                ["Établi par"] = c.PrepareParNom,
                ["Ont pris part"] = c.Participants,
                ["Remis le"] = c.RemisLe?.ToString("dd/MM/yyyy"),
                ["Remis à"] = c.RemisA,
                ["Signé le"] = c.SigneLe?.ToString("dd/MM/yyyy"),
                ["Représentant légal signataire"] = c.RepresentantLegal,
                ["Refusé le"] = c.RefuseLe?.ToString("dd/MM/yyyy"),
                ["Terminé le"] = c.ResilieLe?.ToString("dd/MM/yyyy"),
                ["Motif de fin"] = c.MotifResiliation,
                ["Texte"] = c.Texte,
            }).ToList()),
            new SectionDonnees("Avenants à vos contrats", avenants.Select(a => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Avenant"] = a.Numero, ["Objet"] = a.Objet, ["Établi le"] = a.EtabliLe.ToString("dd/MM/yyyy"), ["Établi par"] = a.EtabliParNom,
                ["Signé le"] = a.SigneLe?.ToString("dd/MM/yyyy"), ["Texte"] = a.Texte,
            }).ToList()),
            new SectionDonnees("Documents remis à l'admission", remises.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Document"] = r.Document.Libelle(), ["Remis le"] = r.RemisLe.ToString("dd/MM/yyyy"), ["Remis par"] = r.RemisParNom,
            }).ToList()),
        ];
    }
}
