using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Soins;

/// <summary>The care record and the plan de soins follow a merge (unchanged: measurements, acts and their records keep their authors)
/// and go back on its undo; the person's right-of-access export shows them all. Two care profiles may meet on the kept record: the
/// most recently changed one holds, the other stays for the undo.</summary>
internal sealed class DonneesSoins(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Soins";
    public IReadOnlyCollection<Type> Entites { get; } =
        [typeof(Allergie), typeof(ProfilSoins), typeof(ProblemeSante), typeof(Mesure), typeof(Chute), typeof(ScoreRisque), typeof(ActePlanifie), typeof(RealisationActe)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["Allergies"] = await DonneesParUsager.DeplacerAsync<Allergie, Guid>(db.Allergies, f, ct),
        ["Profils"] = await DonneesParUsager.DeplacerAsync<ProfilSoins, Guid>(db.ProfilsSoins, f, ct),
        ["Problemes"] = await DonneesParUsager.DeplacerAsync<ProblemeSante, Guid>(db.ProblemesSante, f, ct),
        ["Mesures"] = await DonneesParUsager.DeplacerAsync<Mesure, Guid>(db.Mesures, f, ct),
        ["Chutes"] = await DonneesParUsager.DeplacerAsync<Chute, Guid>(db.Chutes, f, ct),
        ["Scores"] = await DonneesParUsager.DeplacerAsync<ScoreRisque, Guid>(db.ScoresRisque, f, ct),
        ["Actes"] = await DonneesParUsager.DeplacerAsync<ActePlanifie, Guid>(db.ActesPlanifies, f, ct),
        ["Realisations"] = await DonneesParUsager.DeplacerAsync<RealisationActe, Guid>(db.RealisationsActes, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        if (deplaces is null) return;
        await DonneesParUsager.RendreAsync<Allergie, Guid>(db.Allergies, f, deplaces["Allergies"], ct);
        await DonneesParUsager.RendreAsync<ProfilSoins, Guid>(db.ProfilsSoins, f, deplaces["Profils"], ct);
        await DonneesParUsager.RendreAsync<ProblemeSante, Guid>(db.ProblemesSante, f, deplaces["Problemes"], ct);
        await DonneesParUsager.RendreAsync<Mesure, Guid>(db.Mesures, f, deplaces["Mesures"], ct);
        await DonneesParUsager.RendreAsync<Chute, Guid>(db.Chutes, f, deplaces["Chutes"], ct);
        await DonneesParUsager.RendreAsync<ScoreRisque, Guid>(db.ScoresRisque, f, deplaces["Scores"], ct);
        await DonneesParUsager.RendreAsync<ActePlanifie, Guid>(db.ActesPlanifies, f, deplaces["Actes"], ct);
        await DonneesParUsager.RendreAsync<RealisationActe, Guid>(db.RealisationsActes, f, deplaces["Realisations"], ct);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var allergies = await db.Allergies.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var profils = await db.ProfilsSoins.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var problemes = await db.ProblemesSante.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct);
        var mesures = (await db.Mesures.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct)).OrderBy(x => x.PriseLe).ToList();
        var chutes = (await db.Chutes.AsNoTracking().Where(x => x.UsagerId == usagerId).ToListAsync(ct)).OrderBy(x => x.SurvenueLe).ToList();
        var scores = await db.ScoresRisque.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.Date).ToListAsync(ct);
        var actes = await db.ActesPlanifies.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.Debut).ToListAsync(ct);
        var realisations = await db.RealisationsActes.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.Jour).ThenBy(x => x.Heure).ToListAsync(ct);
        return [
            new SectionDonnees("Soins : allergies et intolérances", DonneesParUsager.Colonnes(db, allergies.OrderBy(x => x.RecueillieLe), nameof(Allergie.RecueillieParId))),
            new SectionDonnees("Soins : alimentation, textures et échelle de douleur", DonneesParUsager.Colonnes(db, profils.OrderBy(x => x.ModifieLe))),
            new SectionDonnees("Soins : antécédents et problèmes de santé", DonneesParUsager.Colonnes(db, problemes.OrderBy(x => x.RecueilliLe))),
            new SectionDonnees("Soins : mesures", DonneesParUsager.Colonnes(db, mesures, nameof(Mesure.AuteurId))),
            new SectionDonnees("Soins : chutes", DonneesParUsager.Colonnes(db, chutes, nameof(Chute.AuteurId))),
            new SectionDonnees("Soins : scores de risque", DonneesParUsager.Colonnes(db, scores)),
            new SectionDonnees("Plan de soins : actes prévus", DonneesParUsager.Colonnes(db, actes)),
            new SectionDonnees("Plan de soins : actes réalisés", DonneesParUsager.Colonnes(db, realisations, nameof(RealisationActe.ParId))),
        ];
    }
}
