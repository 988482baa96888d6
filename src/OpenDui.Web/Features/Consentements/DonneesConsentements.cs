using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Consentements;

/// <summary>
/// The person's choices, designations, information and directives follow a merge and go back on its undo. Two records
/// may each carry an active personne de confiance: the most recent designation is kept, the other revoked with the reason
/// "fusion de dossiers" (the law allows one); the undo restores it.
/// </summary>
internal sealed class DonneesConsentements(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Consentements";
    public IReadOnlyCollection<Type> Entites { get; } =
        [typeof(ChoixUsager), typeof(DesignationPersonneDeConfiance), typeof(InformationPersonneDeConfiance), typeof(DirectivesAnticipees)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct)
    {
        var actives = await db.DesignationsPersonneDeConfiance
            .Where(d => (d.UsagerId == f.ConserveId || d.UsagerId == f.FusionneId) && d.Etat == EtatDesignation.Active).ToListAsync(ct);
        Guid? revoquee = null;
        if (actives.Count > 1)
        {
            var ancienne = actives.OrderByDescending(d => d.DateDesignation).ThenByDescending(d => d.RecueilliLe).Last();
            ancienne.Revoquer(db.Aujourdhui, GestionConsentements.MotifFusion, db.Auteur.Nom);
            await GestionConsentements.RoleAsync(db, ancienne.ContactId, false, ct);
            db.Noter(f.ConserveId, "PersonneDeConfiance", $"Désignation de {ancienne.NomPersonne} révoquée par la fusion des dossiers : la plus récente est conservée",
                categorie: GestionConsentements.Categorie);
            revoquee = ancienne.Id;
        }
        return new JsonObject
        {
            ["Choix"] = await DonneesParUsager.DeplacerAsync<ChoixUsager, Guid>(db.ChoixUsagers, f, ct),
            ["Designations"] = await DonneesParUsager.DeplacerAsync<DesignationPersonneDeConfiance, Guid>(db.DesignationsPersonneDeConfiance, f, ct),
            ["Informations"] = await DonneesParUsager.DeplacerAsync<InformationPersonneDeConfiance, Guid>(db.InformationsPersonneDeConfiance, f, ct),
            ["Directives"] = await DonneesParUsager.DeplacerAsync<DirectivesAnticipees, Guid>(db.DirectivesAnticipees, f, ct),
            ["Revoquee"] = revoquee is null ? null : JsonValue.Create(revoquee.Value),
        };
    }

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        if (deplaces is null) return;
        await DonneesParUsager.RendreAsync<ChoixUsager, Guid>(db.ChoixUsagers, f, deplaces["Choix"], ct);
        await DonneesParUsager.RendreAsync<DesignationPersonneDeConfiance, Guid>(db.DesignationsPersonneDeConfiance, f, deplaces["Designations"], ct);
        await DonneesParUsager.RendreAsync<InformationPersonneDeConfiance, Guid>(db.InformationsPersonneDeConfiance, f, deplaces["Informations"], ct);
        await DonneesParUsager.RendreAsync<DirectivesAnticipees, Guid>(db.DirectivesAnticipees, f, deplaces["Directives"], ct);
        if (deplaces["Revoquee"]?.GetValue<Guid>() is not { } id) return;
        var d = await db.DesignationsPersonneDeConfiance.SingleOrDefaultAsync(x => x.Id == id, ct);
        // Restored only if still revoked by the merge and its record has no other personne de confiance since.
        if (d is null || d.Etat != EtatDesignation.Revoquee || d.MotifRevocation != GestionConsentements.MotifFusion) return;
        var autres = await db.DesignationsPersonneDeConfiance.Where(x => x.Id != d.Id && x.Etat == EtatDesignation.Active
            && (x.UsagerId == f.ConserveId || x.UsagerId == f.FusionneId)).ToListAsync(ct);
        if (autres.Any(x => x.UsagerId == d.UsagerId)) return;
        d.Retablir();
        await GestionConsentements.RoleAsync(db, d.ContactId, true, ct);
        db.Noter(d.UsagerId, "PersonneDeConfiance", $"Désignation de {d.NomPersonne} rétablie : la fusion des dossiers a été annulée", categorie: GestionConsentements.Categorie);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var choix = await db.ChoixUsagers.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.RecueilliLe).ToListAsync(ct);
        var designations = await db.DesignationsPersonneDeConfiance.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.RecueilliLe).ToListAsync(ct);
        var informations = await db.InformationsPersonneDeConfiance.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.RecueilliLe).ToListAsync(ct);
        var directives = await db.DirectivesAnticipees.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.RecueilliLe).ToListAsync(ct);
        return [
            new SectionDonnees("Choix et consentements", DonneesParUsager.Colonnes(db, choix, nameof(ChoixUsager.RecueilliParId))),
            new SectionDonnees("Personne de confiance : désignations", DonneesParUsager.Colonnes(db, designations, nameof(DesignationPersonneDeConfiance.RecueilliParId))),
            new SectionDonnees("Information sur la personne de confiance", DonneesParUsager.Colonnes(db, informations, nameof(InformationPersonneDeConfiance.RecueilliParId))),
            new SectionDonnees("Directives anticipées", DonneesParUsager.Colonnes(db, directives, nameof(DirectivesAnticipees.RecueilliParId))),
        ];
    }
}
