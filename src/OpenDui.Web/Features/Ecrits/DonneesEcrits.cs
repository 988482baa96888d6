using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Features.Usagers;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Ecrits;

/// <summary>The person's écrits and objections to sharing: they follow a merge (unchanged, still signed by their authors) and go
/// back on its undo. Read marks (<see cref="LectureEcrit"/>) hang on the écrit's id, which a merge keeps: they follow with it.</summary>
internal sealed class DonneesEcrits(OpenDuiDbContext db) : IDonneesUsager
{
    public string Nom => "Ecrits";
    public IReadOnlyCollection<Type> Entites { get; } = [typeof(Ecrit), typeof(ObjectionPartage)];

    public async Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct) => new JsonObject
    {
        ["Ecrits"] = await DonneesParUsager.DeplacerAsync<Ecrit, Guid>(db.Ecrits, f, ct),
        ["Objections"] = await DonneesParUsager.DeplacerAsync<ObjectionPartage, Guid>(db.ObjectionsPartage, f, ct),
    };

    public async Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct)
    {
        // Merges made before objections existed kept the moved écrits as the whole node.
        var ancien = deplaces is not JsonObject o || !o.ContainsKey("Ecrits");
        await DonneesParUsager.RendreAsync<Ecrit, Guid>(db.Ecrits, f, ancien ? deplaces : deplaces!["Ecrits"], ct);
        if (!ancien) await DonneesParUsager.RendreAsync<ObjectionPartage, Guid>(db.ObjectionsPartage, f, deplaces!["Objections"], ct);
    }

    public async Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct)
    {
        var ecrits = await db.Ecrits.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.Horodatage).ToListAsync(ct);
        // The idempotency key is a technical detail of the writer's device, not data about the person.
        var objections = await db.ObjectionsPartage.AsNoTracking().Where(x => x.UsagerId == usagerId).OrderBy(x => x.RecueillieLe).ToListAsync(ct);
        return [new SectionDonnees("Écrits professionnels", DonneesParUsager.Colonnes(db, ecrits, nameof(Ecrit.CleIdempotence), ConfigurationEcritPostgres.Recherche)),
            new SectionDonnees("Oppositions au partage", DonneesParUsager.Colonnes(db, objections, nameof(ObjectionPartage.RecueillieParId), nameof(ObjectionPartage.LeveeParId)))];
    }
}
