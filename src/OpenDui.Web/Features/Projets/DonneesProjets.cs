using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Projets;

/// <summary>The person's projets: they follow their séjours in a merge (unchanged, validated versions still signed) and go back on its undo.</summary>
internal sealed class DonneesProjets(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Projets";
    public IReadOnlyCollection<Type> Entites { get; } =
        [typeof(ProjetPersonnalise), typeof(ReferentProjet), typeof(VersionProjet), typeof(ObjectifProjet), typeof(ActionProjet)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["projets"] = await DonneesParUsager.DeplacerAsync<ProjetPersonnalise, Guid>(db.Projets, f, ct),
        ["referents"] = await DonneesParUsager.DeplacerAsync<ReferentProjet, Guid>(db.ReferentsProjet, f, ct),
        ["versions"] = await DonneesParUsager.DeplacerAsync<VersionProjet, Guid>(db.VersionsProjet, f, ct),
        ["objectifs"] = await DonneesParUsager.DeplacerAsync<ObjectifProjet, Guid>(db.ObjectifsProjet, f, ct),
        ["actions"] = await DonneesParUsager.DeplacerAsync<ActionProjet, Guid>(db.ActionsProjet, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        await DonneesParUsager.RendreAsync<ProjetPersonnalise, Guid>(db.Projets, f, deplaces?["projets"], ct);
        await DonneesParUsager.RendreAsync<ReferentProjet, Guid>(db.ReferentsProjet, f, deplaces?["referents"], ct);
        await DonneesParUsager.RendreAsync<VersionProjet, Guid>(db.VersionsProjet, f, deplaces?["versions"], ct);
        await DonneesParUsager.RendreAsync<ObjectifProjet, Guid>(db.ObjectifsProjet, f, deplaces?["objectifs"], ct);
        await DonneesParUsager.RendreAsync<ActionProjet, Guid>(db.ActionsProjet, f, deplaces?["actions"], ct);
    }

    /// <summary>For the right of access: each version with its content in words (type, needs, objectives and actions, agreements).</summary>
    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var versions = await db.VersionsProjet.AsNoTracking().Where(v => v.UsagerId == usagerId).OrderBy(v => v.CreeLe).ToListAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var objectifs = await db.ObjectifsProjet.AsNoTracking().Where(o => ids.Contains(o.VersionId)).OrderBy(o => o.Ordre).ToListAsync(ct);
        var actions = await db.ActionsProjet.AsNoTracking().Where(x => ids.Contains(x.VersionId)).OrderBy(x => x.Ordre).ToListAsync(ct);
        var referents = await db.ReferentsProjet.AsNoTracking().Where(r => r.UsagerId == usagerId)
            .Join(db.Users, r => r.ProfessionnelId, p => p.Id, (r, p) => new { r.ProjetId, Nom = p.Prenom + " " + p.Nom, r.DesigneLe }).ToListAsync(ct);
        var lignes = versions.Select(v =>
        {
            var c = GestionProjets.Lire(v.Contenu);
            return (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Projet"] = v.Type.Libelle(),
                ["Version"] = v.Numero,
                ["Statut"] = v.Statut.Libelle(),
                ["Date de l'accord"] = v.DateEffet?.ToString("dd/MM/yyyy"),
                ["Validé par"] = v.ValideParNom,
                ["Rédigé par"] = v.CreeParNom,
                ["Attentes"] = v.Attentes,
                ["Besoins"] = string.Join(" ; ", c.Besoins.Select(b => b.Libelle + (b.Precision is null ? "" : $" ({b.Precision})"))),
                ["Prestations"] = string.Join(" ; ", c.Prestations.Select(b => b.Libelle + (b.Precision is null ? "" : $" ({b.Precision})"))),
                ["Objectifs"] = string.Join(" ; ", objectifs.Where(o => o.VersionId == v.Id).Select(o =>
                    o.Libelle + (o.Horizon is { } h ? $" (d'ici le {h:dd/MM/yyyy})" : "") + (o.Bilan is { } b ? $" — bilan : {b.Libelle()}" : "")
                    + string.Concat(actions.Where(x => x.ObjectifId == o.Id).Select(x => $" / action : {x.Libelle}{(x.Porteur is null ? "" : $" ({x.Porteur})")}")))),
                ["Participants"] = string.Join(" ; ", c.Participants.Select(p => $"{p.Nom} ({p.Qualite.Libelle()})")),
                ["Réunion"] = c.Reunion is { } r ? $"le {r.Date:dd/MM/yyyy}" + (r.ParoleDeLaPersonne is null ? "" : $" — vos mots : {r.ParoleDeLaPersonne}") : null,
                ["Votre accord"] = c.AccordPersonne is { } a ? $"{a.Modalite.Libelle()} le {a.Date:dd/MM/yyyy}" + (a.RepresentantLegal is null ? "" : $" avec {a.RepresentantLegal}") : null,
                ["Accord de l'établissement"] = c.AccordStructure is { } s ? $"{s.Nom} ({s.Fonction}) le {s.Date:dd/MM/yyyy}" : null,
                ["Référents"] = string.Join(", ", referents.Where(r => r.ProjetId == v.ProjetId).Select(r => r.Nom)),
            };
        }).ToList();
        // Référents may be named before any version: listed on their own too.
        var designations = referents.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            { ["Référent"] = r.Nom, ["Désigné le"] = r.DesigneLe.ToString("dd/MM/yyyy") }).ToList();
        return [new SectionDonnees("Projets personnalisés", lignes), new SectionDonnees("Référents de vos projets personnalisés", designations)];
    }
}
