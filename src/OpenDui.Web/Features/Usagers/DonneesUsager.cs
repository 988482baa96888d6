using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenDui.Web.Infrastructure.Data;

namespace OpenDui.Web.Features.Usagers;

/// <summary>
/// What one module keeps about a person, declared once. The merge of two records and its undo, and the person's
/// right-of-access export (RGPD art. 15) ask every contributor registered in the host, so a module's data cannot be
/// forgotten: a test fails when an entity with a <c>UsagerId</c> is covered by no contributor.
/// </summary>
public interface IDonneesUsager
{
    /// <summary>Stable key of the contributor in a merge's memo (never rename it: past merges are undone with it).</summary>
    string Nom { get; }

    /// <summary>The entity types (carrying a <c>UsagerId</c>) this contributor answers for.</summary>
    IReadOnlyCollection<Type> Entites { get; }

    /// <summary>Before a merge: a French reason to refuse it (e.g. two overlapping séjours in one ESSMS), or null.</summary>
    Task<string?> VerifierFusionAsync(FusionDossiers f, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Moves the merged record's rows to the kept one (tracked, so the change trail has them); returns what
    /// it moved, kept with the merge and given back to <see cref="AnnulerFusionAsync"/>.</summary>
    Task<JsonNode?> FusionnerAsync(FusionDossiers f, CancellationToken ct);

    /// <summary>Before undoing a merge: a French reason to refuse it, or null.</summary>
    Task<string?> VerifierAnnulationAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Gives the merged record back what <see cref="FusionnerAsync"/> moved.</summary>
    Task AnnulerFusionAsync(FusionDossiers f, JsonNode? deplaces, CancellationToken ct);

    /// <summary>Everything this module holds about the person, for the right of access: one section per kind.</summary>
    Task<IReadOnlyList<SectionDonnees>> ExporterAsync(Guid usagerId, CancellationToken ct);
}

/// <param name="ConserveId">The record that stays.</param>
/// <param name="FusionneId">The record merged into it (it then disappears from every list).</param>
public sealed record FusionDossiers(Guid ConserveId, Guid FusionneId);

/// <summary>One kind of data in the right-of-access export: a French title and its rows (field → value).</summary>
public sealed record SectionDonnees(string Titre, IReadOnlyList<IReadOnlyDictionary<string, object?>> Elements);

/// <summary>A row kept about one usager, moved as a whole by a merge.</summary>
public interface IDonneeUsager<out TCle>
{
    TCle Id { get; }
    Guid UsagerId { get; set; }
}

/// <summary>The usual work of a contributor on rows that simply follow their usager.</summary>
public static class DonneesParUsager
{
    /// <summary>Moves every row of <typeparamref name="T"/> from the merged record to the kept one; returns their ids.</summary>
    public static async Task<JsonArray> DeplacerAsync<T, TCle>(DbSet<T> set, FusionDossiers f, CancellationToken ct)
        where T : class, IDonneeUsager<TCle>
    {
        var lignes = await set.Where(x => x.UsagerId == f.FusionneId).ToListAsync(ct);
        foreach (var l in lignes) l.UsagerId = f.ConserveId;
        return new JsonArray(lignes.Select(l => JsonValue.Create(l.Id)).ToArray<JsonNode?>());
    }

    /// <summary>Gives back to the merged record the rows whose ids <see cref="DeplacerAsync{T,TCle}"/> returned.</summary>
    public static async Task<List<T>> RendreAsync<T, TCle>(DbSet<T> set, FusionDossiers f, JsonNode? ids, CancellationToken ct)
        where T : class, IDonneeUsager<TCle>
    {
        var cles = ids?.AsArray().Select(n => n!.GetValue<TCle>()).ToList() ?? [];
        if (cles.Count == 0) return [];
        var lignes = await set.Where(x => cles.Contains(x.Id)).ToListAsync(ct);
        foreach (var l in lignes) l.UsagerId = f.FusionneId;
        return lignes;
    }

    /// <summary>Every mapped column of the rows (technical ones left out), for the right-of-access export.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Colonnes<T>(OpenDuiDbContext db, IEnumerable<T> lignes, params string[] omises)
        where T : class
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var proprietes = type.GetProperties().Where(p => p.Name is not ("Version" or "UsagerId") && !omises.Contains(p.Name)).ToList();
        return lignes.Select(l => (IReadOnlyDictionary<string, object?>)proprietes.ToDictionary(p => p.Name, p => Valeur(p.PropertyInfo?.GetValue(l) ?? p.FieldInfo?.GetValue(l))))
            .ToList();
    }

    private static object? Valeur(object? v) => v switch
    {
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset d => d.ToString("O"),
        _ => v,
    };
}
